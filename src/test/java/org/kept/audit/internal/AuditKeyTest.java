package org.kept.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the audit key comes from: the environment, a file, or a file generated once for a single embedded instance. */
class AuditKeyTest {

    static final String KEY = "a-key-of-at-least-thirty-two-characters!";

    @TempDir
    Path dir;

    @Test
    void theEnvironmentWinsAndTheSameKeySignsTheSame() {
        AuditKey a = new AuditKey(KEY, "", dir.resolve("unused.key").toString());
        AuditKey b = new AuditKey(KEY, dir.resolve("other.key").toString(), "");
        assertThat(a.signEntry("h")).isEqualTo(b.signEntry("h")).hasSize(64);
        assertThat(a.id()).isEqualTo(b.id()).hasSize(16).doesNotContain(KEY);
        assertThat(Files.exists(dir.resolve("unused.key"))).isFalse();
        // an entry's signature is not the head's, so one cannot stand in for the other
        assertThat(a.signEntry("h")).isNotEqualTo(a.signHead(1, "h"));
    }

    @Test
    void aKeyFileIsReadAndAnotherKeySignsDifferently() throws Exception {
        Path file = dir.resolve("audit.key");
        Files.writeString(file, "another-key-of-at-least-thirty-two-chars\n");
        AuditKey fromFile = new AuditKey("", file.toString(), "");
        assertThat(fromFile.signEntry("h")).isNotEqualTo(new AuditKey(KEY, "", "").signEntry("h"));
    }

    @Test
    void withoutAKeyOneIsGeneratedOnceAndKeptForTheNextStart() throws Exception {
        Path file = dir.resolve("data").resolve("audit.key");
        AuditKey first = new AuditKey("", "", file.toString());
        assertThat(Files.readString(file).strip()).hasSizeGreaterThanOrEqualTo(AuditKey.MIN_LENGTH);
        AuditKey again = new AuditKey("", "", file.toString());
        assertThat(again.id()).isEqualTo(first.id());
    }

    @Test
    void aShortKeyOrAMissingFileStopsTheStart() {
        assertThatThrownBy(() -> new AuditKey("short", "", "")).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> new AuditKey("", dir.resolve("missing.key").toString(), ""))
                .hasMessageContaining("Cannot read");
    }
}
