package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plainer words for Groovy's syntax errors. A file that does not parse usually has a bracket or a quote left open;
 * the parser notices only at the end of the file ("Unexpected input: …" followed by the rest of the file), so
 * the brackets are matched here, using the indentation to tell which block lost its closing brace.
 */
public final class SyntaxHelp {
    private static final Pattern UNEXPECTED_INPUT = Pattern.compile("Unexpected input: '(.*)'", Pattern.DOTALL);
    private static final String OPENERS = "{([";
    private static final String CLOSERS = "})]";
    /** Characters after which a {@code /} starts a slashy string rather than dividing. */
    private static final String EXPRESSION_BEFORE = "=(,[:!&|?{};~+-*%<>^";

    private SyntaxHelp() {
    }

    /** The errors to report for a file that did not parse, given those Groovy's parser reported. */
    public static List<DefinitionError> explain(String file, String text, List<DefinitionError> parserErrors) {
        List<DefinitionError> brackets = new Scan(file, text).run();
        if (!brackets.isEmpty()) {
            return brackets;
        }
        String[] lines = text.split("\n", -1);
        List<DefinitionError> plain = new ArrayList<>();
        for (DefinitionError error : parserErrors) {
            String at = error.line() - 1 < lines.length ? lines[error.line() - 1] : "";
            at = error.column() - 1 < at.length() ? at.substring(error.column() - 1).strip() : "";
            plain.add(new DefinitionError(error.file(), error.line(), error.column(), plainer(error.message(), at)));
        }
        return plain;
    }

    /** Groovy's message in plainer words; {@code at} is the source from the error's place to the line's end. */
    private static String plainer(String message, String at) {
        if (message.startsWith("Unexpected character: '\\''") || message.startsWith("Unexpected character: '\"'")) {
            return "this text is not closed: end it with the same quote on the same line, or use '''…''' for "
                    + "text over several lines";
        }
        Matcher m = UNEXPECTED_INPUT.matcher(message);
        if (m.matches()) {
            // Groovy quotes the input from where it lost track, often far above; show what is at the place instead.
            String shown = at.length() > 30 ? at.substring(0, 30) + "…" : at;
            return (shown.isEmpty() ? "unexpected end of the line" : "unexpected '" + shown + "'")
                    + ": look for a missing comma, bracket or quote just before";
        }
        return message;
    }

    /** Walks the text, skipping comments and quoted text, and matches brackets. */
    private static final class Scan {
        private record Open(char bracket, int line, int column, int indent) {
        }

        private final String file;
        private final String text;
        private final Deque<Open> open = new ArrayDeque<>();
        private final List<DefinitionError> errors = new ArrayList<>();
        private int i;
        private int line = 1;
        private int column = 1;
        private int indent;
        private boolean lineStarted;
        /** The last character of code before this one, past spaces: tells a slashy string from a division. */
        private char last;

        Scan(String file, String text) {
            this.file = file;
            this.text = text;
        }

        List<DefinitionError> run() {
            while (i < text.length()) {
                char c = text.charAt(i);
                if (!lineStarted && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    lineStarted = true;
                    indent = column - 1;
                }
                if (c == '/' && peek(1) == '/') {
                    while (i < text.length() && text.charAt(i) != '\n') {
                        advance();
                    }
                } else if (c == '/' && peek(1) == '*') {
                    advance();
                    advance();
                    while (i < text.length() && !(text.charAt(i) == '*' && peek(1) == '/')) {
                        advance();
                    }
                    advance();
                    advance();
                } else if (c == '\'' || c == '"') {
                    quoted(c);
                    last = c;
                } else if (c == '$' && peek(1) == '/') {
                    skipDollarSlashy();
                    last = '"';
                } else if (c == '/' && (last == '\0' || EXPRESSION_BEFORE.indexOf(last) >= 0)) {
                    // a slashy string (a regex) where an expression starts; elsewhere '/' divides
                    skipSlashy();
                    last = '"';
                } else if (OPENERS.indexOf(c) >= 0) {
                    open.push(new Open(c, line, column, indent));
                    last = c;
                    advance();
                } else if (CLOSERS.indexOf(c) >= 0) {
                    close(c);
                    last = c;
                    advance();
                } else {
                    if (!Character.isWhitespace(c)) {
                        last = c;
                    }
                    advance();
                }
            }
            while (!open.isEmpty()) {
                unclosed(open.pop());
            }
            return errors;
        }

        private void skipSlashy() {
            advance();
            while (i < text.length() && text.charAt(i) != '/') {
                advance(text.charAt(i) == '\\' && peek(1) == '/' ? 2 : 1);
            }
            advance();
        }

        private void skipDollarSlashy() {
            advance(2);
            while (i < text.length() && !(text.charAt(i) == '/' && peek(1) == '$')) {
                advance(text.charAt(i) == '$' && (peek(1) == '$' || peek(1) == '/') ? 2 : 1);
            }
            advance(2);
        }

        private void advance(int count) {
            for (int k = 0; k < count; k++) {
                advance();
            }
        }

        private void quoted(char quote) {
            boolean triple = peek(1) == quote && peek(2) == quote;
            int startLine = line;
            int startColumn = column;
            int skip = triple ? 3 : 1;
            for (int k = 0; k < skip; k++) {
                advance();
            }
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\\') {
                    advance();
                    advance();
                } else if (triple && c == quote && peek(1) == quote && peek(2) == quote) {
                    advance();
                    advance();
                    advance();
                    return;
                } else if (!triple && c == quote) {
                    advance();
                    return;
                } else if (!triple && c == '\n') {
                    errors.add(new DefinitionError(file, startLine, startColumn, "this text is not closed: end it with "
                            + quote + " on the same line, or use " + String.valueOf(quote).repeat(3)
                            + "…" + String.valueOf(quote).repeat(3) + " for text over several lines"));
                    return;
                } else {
                    advance();
                }
            }
            errors.add(new DefinitionError(file, startLine, startColumn, "this text is not closed before the end "
                    + "of the file: end it with " + String.valueOf(quote).repeat(skip)));
        }

        private void close(char closer) {
            char expected = OPENERS.charAt(CLOSERS.indexOf(closer));
            if (open.isEmpty()) {
                errors.add(new DefinitionError(file, line, column, "this '" + closer + "' closes nothing: remove it, "
                        + "or look for a missing '" + expected + "' before it"));
                return;
            }
            // A closing brace written at an outer block's indentation closes that block: the ones opened inside
            // it since were never closed.
            if (closer == '}' && open.peek().bracket() == '{' && open.peek().indent() != indent) {
                Open outer = open.stream().filter(o -> o.bracket() == '{' && o.indent() == indent).findFirst().orElse(null);
                if (outer != null) {
                    while (open.peek() != outer) {
                        unclosed(open.pop());
                    }
                }
            }
            Open top = open.pop();
            if (top.bracket() != expected) {
                errors.add(new DefinitionError(file, line, column, "this '" + closer + "' does not match the '"
                        + top.bracket() + "' at line " + top.line() + ", column " + top.column() + ": close that one first"));
            }
        }

        private void unclosed(Open bracket) {
            char closer = CLOSERS.charAt(OPENERS.indexOf(bracket.bracket()));
            errors.add(new DefinitionError(file, bracket.line(), bracket.column(), "this '" + bracket.bracket()
                    + "' is never closed: add the missing '" + closer + "'"));
        }

        private char peek(int ahead) {
            return i + ahead < text.length() ? text.charAt(i + ahead) : '\0';
        }

        private void advance() {
            if (i >= text.length()) {
                return;
            }
            char c = text.charAt(i++);
            if (c == '\n') {
                line++;
                column = 1;
                indent = 0;
                lineStarted = false;
            } else {
                column++;
            }
        }
    }
}
