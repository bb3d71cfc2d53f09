package org.kept;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules keep to their borders, and their map in docs/modules is written from the code itself: only when asked
 * ({@code ./mvnw test -Dtest=ModularityTest -Dkept.write-docs=true}), so an ordinary build never edits tracked files.
 * Otherwise the diagrams are written under target/ to prove they still can be.
 */
class ModularityTest {

    static final String DOCS = Boolean.getBoolean("kept.write-docs") ? "docs/modules" : "target/modules";

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

    /**
     * The Documenter writes relations in no fixed order, so every run would change the committed diagrams. Sorting the
     * {@code Rel(...)} lines (where they stand, the rest untouched) keeps the files the same until the modules change.
     */
    static void stableOrderOfRelations() throws IOException {
        try (var files = Files.list(Path.of(DOCS))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                List<String> lines = new ArrayList<>(Files.readAllLines(file));
                List<Integer> at = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("Rel(")) {
                        at.add(i);
                    }
                }
                List<String> sorted = at.stream().map(lines::get).sorted().toList();
                for (int i = 0; i < at.size(); i++) {
                    lines.set(at.get(i), sorted.get(i));
                }
                Files.write(file, lines);
            }
        }
    }

    @Test
    void writesTheModuleDiagramAndCanvases() throws IOException {
        Files.createDirectories(Path.of(DOCS));
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCS))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases()
                .writeAggregatingDocument();

        stableOrderOfRelations();

        Path overview = Path.of(DOCS, "components.puml");
        assertThat(overview).exists();
        assertThat(Files.readString(overview)).contains("C4", "Ticket", "Customer", "Identity", "Audit");
        assertThat(Path.of(DOCS, "module-ticket.puml")).exists();
        assertThat(Path.of(DOCS, "module-ticket.adoc")).exists();
        assertThat(Path.of(DOCS, "all-docs.adoc")).exists();
    }
}
