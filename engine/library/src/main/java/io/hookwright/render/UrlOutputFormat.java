package io.hookwright.render;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;

import java.io.IOException;
import java.io.Writer;

/**
 * The output format of URL templates: every value a template inserts is percent-encoded, all but RFC 3986's
 * unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) as UTF-8 bytes. That is right for a path segment, a query
 * name or value and a fragment alike, so {@code https://x/a/${k}?q=${v}&r=${w}} keeps its shape whatever the
 * values hold: a {@code /}, {@code ?}, {@code #}, {@code &} or {@code %} in them is data. {@code ?no_esc} inserts
 * a value as it is.
 */
final class UrlOutputFormat extends CommonMarkupOutputFormat<UrlOutputFormat.Url> {
    static final UrlOutputFormat INSTANCE = new UrlOutputFormat();

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
        return PercentEncoding.encode(text);
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
