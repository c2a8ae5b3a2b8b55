package io.hookwright.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One versioned step of the schema. Its SQL is literal text, one file per dialect beside this class:
 * {@code migrations/sqlite/vN.sql} and {@code migrations/postgres/vN.sql}. A file holds statements each ended by a
 * semicolon at the end of a line; lines starting with {@code --} are comments.
 */
record Migration(int version, String description) {
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(?:\\n|$)");

    /** The step's statements for {@code dialect}, in order. */
    List<String> statements(Dialect dialect) {
        return script(dialect, "v" + version);
    }

    /** The statements of the script {@code name} for {@code dialect}, in order. */
    static List<String> script(Dialect dialect, String name) {
        String resource = "migrations/" + dialect.name().toLowerCase(Locale.ROOT) + "/" + name + ".sql";
        String text;
        try (InputStream in = Migration.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the schema script " + resource + " is missing from the engine");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the schema script " + resource, e);
        }
        String code = text.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(STATEMENT_END.split(code)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
