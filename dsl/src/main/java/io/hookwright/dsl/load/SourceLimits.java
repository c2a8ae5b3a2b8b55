package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Measures a definition file before Groovy parses it: how deep its brackets nest and how long its expressions chain
 * ({@link DefinitionLimits#MAX_NESTING}, {@link DefinitionLimits#MAX_EXPRESSION_PARTS}) and how much code it holds
 * ({@link DefinitionLimits#MAX_FILE_PARTS}), telling where a limit is
 * first crossed. Groovy's parser and compiler recurse on both, and would run out of stack on a file of a few
 * kilobytes. The scan skips comments and the text of strings (single, double, triple quoted, slashy and dollar
 * slashy), but measures the code inside {@code ${…}}. A file that does not parse is measured as far as it goes;
 * the parser tells what is wrong with it.
 * <p>
 * An expression's parts are counted with those of the expressions it sits in ({@code a + (b + (c + …))} counts
 * all), since that is how deep the compiler's tree goes; a comma, a semicolon or the end of a statement's line
 * starts a new expression.
 */
final class SourceLimits {
    private static final Set<String> EXPRESSION_BEFORE = Set.of("return", "in", "case", "assert", "throw", "yield",
            "else", "instanceof", "as");
    private static final String OPERATORS = "+-*%&|^!~<>=?:.@";
    private static final Set<String> LINE_STARTERS = Set.of("!", "-", "+", "~", "@");

    private final String file;
    private final String text;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private int i;
    private int fileParts;
    private int line = 1;
    private int column = 1;

    /** Code between brackets; {@code closer} is 0 for the file's top level. */
    private static final class Frame {
        final char closer;
        final boolean interpolation;
        final int base;
        int parts;
        Token last = Token.NONE;
        boolean newStatement;

        Frame(char closer, boolean interpolation, int base) {
            this.closer = closer;
            this.interpolation = interpolation;
            this.base = base;
            this.parts = base;
        }
    }

    private enum Token { NONE, VALUE, OPERATOR, WORD_BEFORE_EXPRESSION }

    private SourceLimits(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** The first limit the file crosses, placed where it is crossed. */
    static Optional<DefinitionError> check(String file, String text) {
        return Optional.ofNullable(new SourceLimits(file, text).scan());
    }

    private DefinitionError scan() {
        frames.push(new Frame('\0', false, 0));
        while (i < text.length()) {
            DefinitionError crossed = code();
            if (crossed != null) {
                return crossed;
            }
        }
        return null;
    }

    /** One step of code in the innermost frame. */
    private DefinitionError code() {
        Frame frame = frames.peek();
        char c = text.charAt(i);
        if (c == '\n') {
            if (frame.closer != ')' && frame.closer != ']' && frame.last != Token.OPERATOR) {
                frame.newStatement = true;
            }
            advance();
            return null;
        }
        if (Character.isWhitespace(c) || c == '\\') {
            advance();
            return null;
        }
        if (c == '/' && peek(1) == '/') {
            while (i < text.length() && text.charAt(i) != '\n') {
                advance();
            }
            return null;
        }
        if (c == '/' && peek(1) == '*') {
            advance(2);
            while (i < text.length() && !(text.charAt(i) == '*' && peek(1) == '/')) {
                advance();
            }
            advance(2);
            return null;
        }
        int startLine = line;
        int startColumn = column;
        if (c == '\'' || c == '"') {
            boolean triple = peek(1) == c && peek(2) == c;
            advance(triple ? 3 : 1);
            return string(frame, c, triple, startLine, startColumn);
        }
        if (c == '$' && peek(1) == '/') {
            advance(2);
            return string(frame, '$', true, startLine, startColumn);
        }
        if (c == '/') {
            advance();
            boolean slashy = frame.newStatement || frame.last == Token.NONE || frame.last == Token.OPERATOR
                    || frame.last == Token.WORD_BEFORE_EXPRESSION;
            return slashy ? string(frame, '/', true, startLine, startColumn) : part(frame, Token.OPERATOR, "/",
                    startLine, startColumn);
        }
        if (c == '(' || c == '[' || c == '{') {
            advance();
            return open(frame, c == '(' ? ')' : c == '[' ? ']' : '}', false, startLine, startColumn);
        }
        if (c == ')' || c == ']' || c == '}') {
            advance();
            if (frames.size() > 1 && !frame.interpolation) {
                frames.pop();
                return part(frames.peek(), Token.VALUE, ")", startLine, startColumn);
            }
            return null;
        }
        if (c == ',' || c == ';') {
            advance();
            frame.parts = frame.base;
            frame.last = Token.NONE;
            frame.newStatement = false;
            return null;
        }
        if (Character.isJavaIdentifierStart(c) || Character.isDigit(c)) {
            String word = word();
            return part(frame, EXPRESSION_BEFORE.contains(word) ? Token.WORD_BEFORE_EXPRESSION : Token.VALUE, word,
                    startLine, startColumn);
        }
        if (OPERATORS.indexOf(c) >= 0) {
            // each character counts: !!!!x is as deep as !(!(!(!x))), and no operator is long
            StringBuilder operator = new StringBuilder();
            DefinitionError crossed = null;
            while (crossed == null && i < text.length() && OPERATORS.indexOf(text.charAt(i)) >= 0) {
                operator.append(text.charAt(i));
                int atColumn = column;
                advance();
                crossed = part(frame, Token.OPERATOR, operator.toString(), startLine, atColumn);
            }
            return crossed;
        }
        advance();
        return null;
    }

    /** Counts one part of the innermost expression; a new line's first part starts a new one unless it continues. */
    private DefinitionError part(Frame frame, Token token, String written, int atLine, int atColumn) {
        if (frame.newStatement) {
            frame.newStatement = false;
            boolean continues = token == Token.OPERATOR && !LINE_STARTERS.contains(written);
            if (!continues) {
                frame.parts = frame.base;
            }
        }
        frame.last = token;
        if (++fileParts > DefinitionLimits.MAX_FILE_PARTS) {
            return new DefinitionError(file, atLine, atColumn, "the file holds more than "
                    + String.format(Locale.ROOT, "%,d", DefinitionLimits.MAX_FILE_PARTS)
                    + " operators, names and values, many times a usual definition file: split it into several "
                    + "files");
        }
        if (++frame.parts > DefinitionLimits.MAX_EXPRESSION_PARTS) {
            return new DefinitionError(file, atLine, atColumn, "this expression is too long: more than "
                    + String.format(Locale.ROOT, "%,d", DefinitionLimits.MAX_EXPRESSION_PARTS)
                    + " operators, names and values in a row; split it into shorter expressions");
        }
        return null;
    }

    private DefinitionError open(Frame outer, char closer, boolean interpolation, int atLine, int atColumn) {
        if (outer.newStatement) {
            outer.newStatement = false;
            outer.parts = outer.base;
        }
        frames.push(new Frame(closer, interpolation, outer.parts));
        if (frames.size() - 1 > DefinitionLimits.MAX_NESTING) {
            return new DefinitionError(file, atLine, atColumn, "brackets and blocks are nested more than "
                    + DefinitionLimits.MAX_NESTING + " deep here: flatten the nesting (name a part with def, or "
                    + "split the block)");
        }
        return null;
    }

    /**
     * Skips a string opened by {@code quote} ({@code '}, {@code "}, {@code /} slashy or {@code $} for
     * dollar slashy), measuring the code of its {@code ${…}} and {@code $name.name} parts.
     */
    private DefinitionError string(Frame outer, char quote, boolean multiline, int atLine, int atColumn) {
        boolean interpolates = quote != '\'';
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quote == '$' && c == '$' && (peek(1) == '$' || peek(1) == '/')) {
                advance(2);
            } else if (quote == '$' && c == '/' && peek(1) == '$') {
                advance(2);
                break;
            } else if (quote == '/' && c == '\\' && peek(1) == '/') {
                advance(2);
            } else if (quote != '/' && quote != '$' && c == '\\') {
                advance(2);
            } else if (c == quote && quote != '$' && (!multiline || quote == '/' || (peek(1) == c && peek(2) == c))) {
                advance(quote == '/' || !multiline ? 1 : 3);
                break;
            } else if (c == '\n' && !multiline) {
                break; // not closed on its line: the parser says so
            } else if (interpolates && c == '$' && peek(1) == '{') {
                int line0 = line;
                int column0 = column;
                advance(2);
                DefinitionError crossed = interpolation(outer, line0, column0);
                if (crossed != null) {
                    return crossed;
                }
            } else if (interpolates && c == '$' && i + 1 < text.length()
                    && Character.isJavaIdentifierStart(peek(1))) {
                DefinitionError crossed = path(outer);
                if (crossed != null) {
                    return crossed;
                }
            } else {
                advance();
            }
        }
        return part(outer, Token.VALUE, "'", atLine, atColumn);
    }

    /** The code of a {@code ${…}}, up to its closing brace (or the end of the file). */
    private DefinitionError interpolation(Frame outer, int atLine, int atColumn) {
        int depth = frames.size();
        DefinitionError crossed = open(outer, '}', true, atLine, atColumn);
        while (crossed == null && i < text.length() && frames.size() > depth) {
            Frame inner = frames.peek();
            if (inner.interpolation && text.charAt(i) == '}') {
                advance();
                frames.pop();
            } else {
                crossed = code();
            }
        }
        while (frames.size() > depth) {
            frames.pop();
        }
        return crossed;
    }

    /** {@code $name.name.name} in a string: a chain like any other. */
    private DefinitionError path(Frame outer) {
        Frame chain = new Frame('}', true, outer.parts);
        advance();
        while (true) {
            int atLine = line;
            int atColumn = column;
            word();
            DefinitionError crossed = part(chain, Token.VALUE, "", atLine, atColumn);
            if (crossed != null) {
                return crossed;
            }
            if (peek(0) == '.' && i + 1 < text.length() && Character.isJavaIdentifierStart(peek(1))) {
                advance();
                crossed = part(chain, Token.OPERATOR, ".", atLine, atColumn);
                if (crossed != null) {
                    return crossed;
                }
            } else {
                return null;
            }
        }
    }

    /** A name or a number (with its decimal point and exponent). */
    private String word() {
        int start = i;
        boolean number = Character.isDigit(text.charAt(i));
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isJavaIdentifierPart(c) && c != '$' || (number && c == '.' && Character.isDigit(peek(1)))) {
                advance();
            } else if (c == '$' && !number) {
                advance();
            } else {
                break;
            }
        }
        return text.substring(start, i);
    }

    private char peek(int ahead) {
        return i + ahead < text.length() ? text.charAt(i + ahead) : '\0';
    }

    private void advance(int count) {
        for (int k = 0; k < count; k++) {
            advance();
        }
    }

    private void advance() {
        if (i >= text.length()) {
            return;
        }
        if (text.charAt(i++) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }
}
