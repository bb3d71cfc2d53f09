package org.kept;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A module's SQL names only its own tables; another module's data comes through that module's API or a read model it
 * publishes. Ownership is written in the migrations (a line {@code -- module: <name>} before each {@code create table});
 * the SQL is every string literal and text block in a module's Java sources, joined where the code concatenates them.
 * {@code ApplicationModules.verify()} sees Java types only, so without this test a query could cross any border.
 */
class ModuleTablesTest {

    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    static final Path SOURCES = Path.of("src/main/java/org/kept");

    /** Tables of the frameworks underneath, which every module may use through them (and none names in SQL today). */
    static final Set<String> INFRASTRUCTURE = Set.of("event_publication", "event_publication_archive", "flyway_schema_history");

    private static final Pattern OWNER = Pattern.compile("^--\\s*module:\\s*([a-z]+)\\s*$");
    private static final Pattern CREATE = Pattern.compile("^create table (?:if not exists )?([a-z_][a-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAMED = Pattern.compile(
            "\\b(?:from|join|into|update|table|references)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

    /** Words of SQL; a literal with fewer than two of them is prose ("last message from customer"), not a query. */
    private static final Pattern KEYWORD = Pattern.compile(
            "\\b(select|insert|update|delete|merge|from|join|where|values|set|into|order by|group by|returning|limit)\\b",
            Pattern.CASE_INSENSITIVE);

    @Test
    void everyTableHasAnOwningModuleThatExists() {
        Map<String, String> owners = owners();
        assertThat(owners).as("tables found in the migrations").isNotEmpty().containsEntry("ticket", "ticket")
                .containsEntry("app_user", "identity").containsEntry("customer", "customer");
        assertThat(owners.values().stream().distinct().filter(m -> !Files.isDirectory(SOURCES.resolve(m))))
                .as("owners that are no module").isEmpty();
    }

    @Test
    void aModulesSqlNamesOnlyItsOwnTables() throws IOException {
        Map<String, String> owners = owners();
        List<String> crossings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String module = SOURCES.relativize(file).getName(0).toString();
                if (file.getParent().equals(SOURCES)) {
                    continue; // the application class
                }
                Set<String> foreign = new TreeSet<>();
                for (String sql : sqlOf(Files.readString(file)).stream().filter(ModuleTablesTest::looksLikeSql).toList()) {
                    Matcher m = NAMED.matcher(sql);
                    while (m.find()) {
                        String table = m.group(1).toLowerCase();
                        String owner = owners.get(table);
                        if (owner != null && !owner.equals(module) && !INFRASTRUCTURE.contains(table)) {
                            foreign.add(table + " (" + owner + ")");
                        }
                    }
                }
                if (!foreign.isEmpty()) {
                    crossings.add(module + ": " + SOURCES.relativize(file) + " names " + String.join(", ", foreign));
                }
            }
        }
        assertThat(crossings).as("SQL naming another module's tables; reach that module through its API instead").isEmpty();
    }

    @Test
    void theScannerFindsTablesInConcatenatedLiteralsAndTextBlocks() {
        String java = """
                class X {
                    // select * from comment_is_ignored
                    String a = "select t.id, c.name " + "from ticket t "
                            + where + " join customer c on c.id = t.customer_id";
                    String b = \"""
                            insert into kb_article (title)
                            values (?)\""";
                    char q = '"';
                    String c = "select no \\" quote from app_user";
                    String d = "Last from customer: " + last;
                }
                """;
        List<String> sql = sqlOf(java);
        assertThat(String.join("|", sql)).contains("from ticket t", "join customer c", "insert into kb_article",
                "quote from app_user").doesNotContain("comment_is_ignored");
        assertThat(sql.stream().filter(ModuleTablesTest::looksLikeSql).map(String::strip))
                .hasSize(3).noneMatch(s -> s.startsWith("Last from customer"));
    }

    /** Table name → owning module, from the {@code -- module:} lines of every migration in order. */
    static Map<String, String> owners() {
        Map<String, String> owners = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String module = null;
                for (String line : Files.readAllLines(file)) {
                    Matcher owner = OWNER.matcher(line.strip());
                    if (owner.matches()) {
                        module = owner.group(1);
                    }
                    Matcher create = CREATE.matcher(line.strip());
                    if (create.find()) {
                        String table = create.group(1).toLowerCase();
                        assertThat(module).as("owner of table %s in %s: put '-- module: <name>' before it", table,
                                file.getFileName()).isNotNull();
                        owners.put(table, module);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return owners;
    }

    /**
     * The string literals and text blocks of a Java source, comments skipped; literals joined by {@code +} (with at
     * most one expression between them) count as one statement, so a table name split over lines is still found.
     */
    static List<String> sqlOf(String java) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        int lastEnd = -1;
        int i = 0;
        int n = java.length();
        while (i < n) {
            char c = java.charAt(i);
            if (c == '/' && i + 1 < n && java.charAt(i + 1) == '/') {
                i = java.indexOf('\n', i);
                i = i < 0 ? n : i;
            } else if (c == '/' && i + 1 < n && java.charAt(i + 1) == '*') {
                int end = java.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                i = skipQuoted(java, i, '\'');
            } else if (c == '"') {
                boolean block = java.startsWith("\"\"\"", i);
                int start = block ? i + 3 : i + 1;
                int end = block ? java.indexOf("\"\"\"", start) : skipQuoted(java, i, '"') - 1;
                String text = java.substring(start, end);
                boolean continues = current != null && joined(java.substring(lastEnd, i));
                if (!continues) {
                    if (current != null) {
                        out.add(current.toString());
                    }
                    current = new StringBuilder();
                }
                current.append(' ').append(text);
                i = block ? end + 3 : end + 1;
                lastEnd = i;
            } else {
                i++;
            }
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out;
    }

    static boolean looksLikeSql(String text) {
        Matcher m = KEYWORD.matcher(text);
        Set<String> words = new TreeSet<>();
        while (m.find()) {
            words.add(m.group(1).toLowerCase());
        }
        return words.size() >= 2;
    }

    /** What stands between two literals of one concatenation: a plus, perhaps an expression and another plus. */
    private static boolean joined(String between) {
        return between.matches("(?s)\\s*\\+\\s*") || between.matches("(?s)\\s*\\+[^;{}\"]*\\+\\s*");
    }

    private static int skipQuoted(String java, int at, char quote) {
        int i = at + 1;
        while (i < java.length() && java.charAt(i) != quote) {
            i += java.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }
}
