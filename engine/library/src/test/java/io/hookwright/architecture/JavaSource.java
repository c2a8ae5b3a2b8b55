package io.hookwright.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Java source file read as text: its package and every qualified name it refers to, in its import lines and in its
 * code (a fully qualified {@code io.hookwright.x.Y} in an expression), with comments and string literals left out.
 * Enough to check which packages a file depends on without compiling it or adding a library.
 */
record JavaSource(Path file, String packageName, List<Reference> references) {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;",
            Pattern.MULTILINE);
    /** A dotted name of two or more parts that starts with a lower-case part, as a package does. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])([a-z][\\w]*(?:\\.[A-Za-z_][\\w]*)+)");

    /** A name the file refers to, on a line (1-based); {@code imported} when it is an import line's. */
    record Reference(int line, String name, boolean imported) {
        String describe() {
            return (imported ? "imports " : "names ") + name;
        }
    }

    /** Every {@code .java} file under {@code root}, in a stable order. */
    static List<JavaSource> under(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().map(JavaSource::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sources under " + root.toAbsolutePath(), e);
        }
    }

    static JavaSource read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String code = codeOnly(text);
        Matcher declared = PACKAGE.matcher(code);
        String packageName = "";
        int codeStart = 0;
        if (declared.find()) {
            packageName = declared.group(1);
            codeStart = declared.end();
        }
        List<Reference> references = new ArrayList<>();
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            references.add(new Reference(lineOf(code, imports.start(1)), imports.group(1), true));
            codeStart = Math.max(codeStart, imports.end());
        }
        Matcher names = QUALIFIED.matcher(code).region(codeStart, code.length());
        while (names.find()) {
            references.add(new Reference(lineOf(code, names.start(1)), names.group(1), false));
        }
        return new JavaSource(file, packageName, List.copyOf(references));
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * The text with every comment, string, text block and character literal blanked to spaces, line breaks kept, so
     * that what is left is code and its offsets are the file's.
     */
    static String codeOnly(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                int end = text.indexOf('\n', i);
                i = blank(out, i, end < 0 ? n : end);
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = blank(out, i, end < 0 ? n : end + 2);
            } else if (text.startsWith("\"\"\"", i)) {
                i = blank(out, i, literalEnd(text, i + 3, "\"\"\""));
            } else if (c == '"' || c == '\'') {
                i = blank(out, i, literalEnd(text, i + 1, String.valueOf(c)));
            } else {
                i++;
            }
        }
        return out.toString();
    }

    /** Where the literal that opened before {@code from} ends: after its closing {@code quote}, skipping escapes. */
    private static int literalEnd(String text, int from, String quote) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == '\\') {
                i += 2;
            } else if (text.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static int blank(StringBuilder out, int from, int to) {
        for (int i = from; i < to; i++) {
            if (out.charAt(i) != '\n') {
                out.setCharAt(i, ' ');
            }
        }
        return to;
    }
}
