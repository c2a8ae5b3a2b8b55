package io.hookwright.dsl.write;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A code for a webhook created without one, made from its label ({@code 'Create SharePoint space'} gives
 * {@code create_sharepoint_space}) or, when the label gives nothing, its URL ({@code https://erp.example.com/hooks}
 * gives {@code erp_example_hooks}); {@code _2}, {@code _3}… are added until no taken code is the same.
 */
public final class ExampleCode {
    /** The longest code made; a longer label is cut between words. */
    public static final int MAX_LENGTH = 40;
    private static final String FALLBACK = "webhook";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_CODE = Pattern.compile("[^a-z0-9]+");
    /** FreeMarker in a URL ({@code ${entity.key}}, {@code <#if …>}): an event's value, not a word of the webhook. */
    private static final Pattern TEMPLATE_PARTS = Pattern.compile("\\$\\{[^}]*}|<#[^>]*>|</#[^>]*>");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

    private ExampleCode() {
    }

    /**
     * A code matching {@code [a-z0-9_]+}, at most {@link #MAX_LENGTH} characters, not in {@code taken}.
     *
     * @param label the label's text, or null
     * @param url   the request's URL (a template), or null
     */
    public static String of(String label, String url, Set<String> taken) {
        String base = words(label);
        if (base.isEmpty()) {
            base = url == null ? "" : words(urlWords(url));
        }
        if (base.isEmpty()) {
            base = FALLBACK;
        }
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String suffix = "_" + n;
            String code = cut(base, MAX_LENGTH - suffix.length()) + suffix;
            if (!taken.contains(code)) {
                return code;
            }
        }
    }

    /** Lowercase ASCII words joined by {@code _}: accents dropped, everything else a separator. */
    private static String words(String text) {
        if (text == null) {
            return "";
        }
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                .replace("ß", "ss").toLowerCase(Locale.ROOT);
        return cut(trim(NOT_CODE.matcher(plain).replaceAll("_")), MAX_LENGTH);
    }

    /** The host (without {@code www.} and its last part, {@code com}) and the path of a URL, query left out. */
    private static String urlWords(String url) {
        String rest = SCHEME.matcher(TEMPLATE_PARTS.matcher(url.strip()).replaceAll("/")).replaceFirst("");
        rest = rest.replaceFirst("[?#].*$", "");
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        host = host.replaceFirst("^.*@", "").replaceFirst(":\\d*$", "").replaceFirst("^www\\.", "");
        int lastDot = host.lastIndexOf('.');
        if (lastDot > 0 && !host.substring(lastDot + 1).matches("\\d+")) {
            host = host.substring(0, lastDot);
        }
        return host + " " + path;
    }

    /** At most {@code max} characters, cut after a whole word when there is one to cut after. */
    private static String cut(String code, int max) {
        if (code.length() <= max) {
            return code;
        }
        String head = code.substring(0, max);
        int lastBreak = head.lastIndexOf('_');
        return trim(code.charAt(max) == '_' || lastBreak <= 0 ? head : head.substring(0, lastBreak));
    }

    private static String trim(String code) {
        return code.replaceAll("^_+|_+$", "");
    }
}
