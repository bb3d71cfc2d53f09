package org.kept;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The modules keep to their borders, and their map in docs/modules is written from the code itself. */
class ModularityTest {

    static final String DOCS = "docs/modules";

    final ApplicationModules modules = ApplicationModules.of(KeptApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicTypesAndHaveNoCycles() {
        modules.verify();
    }

    @Test
    void theFoundationModulesAreDetected() {
        assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("shared", "identity", "audit", "customer", "ticket");
    }

    @Test
    void nobodyDependsOnTheAuditModule() {
        ApplicationModule audit = modules.getModuleByName("audit").orElseThrow();
        assertThat(modules.stream().filter(m -> !m.equals(audit)).filter(m -> m.getDirectDependencies(modules).contains(audit)))
                .isEmpty();
    }

    @Test
    void writesTheModuleDiagramAndCanvasesIntoDocs() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCS))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases()
                .writeAggregatingDocument();

        Path overview = Path.of(DOCS, "components.puml");
        assertThat(overview).exists();
        assertThat(Files.readString(overview)).contains("C4", "Ticket", "Customer", "Identity", "Audit");
        assertThat(Path.of(DOCS, "module-ticket.puml")).exists();
        assertThat(Path.of(DOCS, "module-ticket.adoc")).exists();
        assertThat(Path.of(DOCS, "all-docs.adoc")).exists();
    }
}
