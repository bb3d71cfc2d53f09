package org.kept.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Several modules add messages to the same two bundles. A key written twice silently keeps only its last text (an
 * error message would show a field label), and a key in one language only shows the other language's text.
 */
class MessageBundlesTest {

    private static final Path EN = Path.of("src/main/resources/messages.properties");
    private static final Path ZH = Path.of("src/main/resources/messages_zh.properties");

    @Test
    void noKeyIsWrittenTwice() throws IOException {
        assertThat(duplicates(EN)).as("keys defined twice in %s", EN).isEmpty();
        assertThat(duplicates(ZH)).as("keys defined twice in %s", ZH).isEmpty();
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> en = new TreeSet<>(keys(EN));
        Set<String> zh = new TreeSet<>(keys(ZH));
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(zh);
        Set<String> onlyZh = new TreeSet<>(zh);
        onlyZh.removeAll(en);
        assertThat(onlyEn).as("keys with no Chinese text").isEmpty();
        assertThat(onlyZh).as("keys with no English text").isEmpty();
    }

    private static Set<String> duplicates(Path file) throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new TreeSet<>();
        for (String key : keys(file)) {
            if (!seen.add(key)) {
                twice.add(key);
            }
        }
        return twice;
    }

    private static List<String> keys(Path file) throws IOException {
        List<String> keys = new ArrayList<>();
        boolean continued = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            boolean startsEntry = !continued && !trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("!");
            if (startsEntry) {
                int end = trimmed.length();
                for (int i = 0; i < trimmed.length(); i++) {
                    char c = trimmed.charAt(i);
                    if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                        end = i;
                        break;
                    }
                }
                keys.add(trimmed.substring(0, end));
            }
            continued = !trimmed.startsWith("#") && endsWithOddBackslashes(line) && (continued || startsEntry);
        }
        return keys;
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
