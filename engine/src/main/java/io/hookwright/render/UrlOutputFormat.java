package io.hookwright.render;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The output format of URL templates: every value a template inserts is percent-encoded, all but RFC 3986's
 * unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) as UTF-8 bytes. That is right for a path segment, a query
 * name or value and a fragment alike, so {@code https://x/a/${k}?q=${v}&r=${w}} keeps its shape whatever the
 * values hold: a {@code /}, {@code ?}, {@code #}, {@code &} or {@code %} in them is data. {@code ?no_esc} inserts
 * a value as it is.
 */
final class UrlOutputFormat extends CommonMarkupOutputFormat<UrlOutputFormat.Url> {
    static final UrlOutputFormat INSTANCE = new UrlOutputFormat();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlOutputFormat() {
    }

    /** URL text a template holds: written unescaped. */
    static final class Url extends CommonTemplateMarkupOutputModel<Url> {
        Url(String plainText, String markup) {
            super(plainText, markup);
        }

        @Override
        public UrlOutputFormat getOutputFormat() {
            return INSTANCE;
        }
    }

    @Override
    public String getName() {
        return "URL";
    }

    @Override
    public String getMimeType() {
        return null;
    }

    @Override
    public void output(String text, Writer out) throws IOException {
        out.write(escapePlainText(text));
    }

    @Override
    public String escapePlainText(String text) {
        if (text.chars().allMatch(UrlOutputFormat::unreserved)) {
            return text;
        }
        StringBuilder encoded = new StringBuilder(text.length() * 3);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (unreserved(b)) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return encoded.toString();
    }

    private static boolean unreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                || c == '~';
    }

    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    @Override
    protected Url newTemplateMarkupOutputModel(String plainText, String markup) {
        return new Url(plainText, markup);
    }
}
