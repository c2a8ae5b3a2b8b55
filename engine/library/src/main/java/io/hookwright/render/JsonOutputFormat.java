package io.hookwright.render;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;

import java.io.IOException;
import java.io.Writer;

/**
 * The output format of bodies declared JSON: every value a template inserts is escaped as the content of a JSON
 * string, so event data cannot end a string and add keys. {@code json(x)} gives JSON that is written as it is,
 * and {@code ?no_esc} inserts a value raw.
 */
final class JsonOutputFormat extends CommonMarkupOutputFormat<JsonOutputFormat.Json> {
    static final JsonOutputFormat INSTANCE = new JsonOutputFormat();

    private JsonOutputFormat() {
    }

    /** JSON text a template holds: written unescaped. */
    static final class Json extends CommonTemplateMarkupOutputModel<Json> {
        Json(String plainText, String markup) {
            super(plainText, markup);
        }

        @Override
        public JsonOutputFormat getOutputFormat() {
            return INSTANCE;
        }
    }

    @Override
    public String getName() {
        return "JSON body";
    }

    @Override
    public String getMimeType() {
        return "application/json";
    }

    @Override
    public void output(String text, Writer out) throws IOException {
        out.write(escapePlainText(text));
    }

    /** The text as JSON string content: quote, backslash and control characters escaped, and the JS line breaks. */
    @Override
    public String escapePlainText(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                        && !pairedSurrogate(text, i) ? String.format("\\u%04x", (int) c) : null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static boolean pairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    @Override
    protected Json newTemplateMarkupOutputModel(String plainText, String markup) {
        return new Json(plainText, markup);
    }
}
