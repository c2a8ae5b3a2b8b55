package io.hookwright.operations;

import io.hookwright.render.SecretRefs;

import java.util.regex.Pattern;

/**
 * Texts of a webhook's state as an operational event shows them: every secret reference masked, and a URL's
 * credentials ({@code https://user:password@host}) too, so an operator's chat never sees what the run log hides.
 * Error texts already hold no secret value (the sender scrubs them), only, at most, references and URLs.
 */
final class Masked {
    /** How a definition's URL names a secret; an operator's action shows the URL as the definition writes it. */
    private static final Pattern TEMPLATE_SECRET = Pattern.compile("\\$\\{\\s*secrets\\.[A-Za-z0-9_]+[^}]*}");
    private static final Pattern CREDENTIALS = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@?#]+@");

    private Masked() {
    }

    static String text(String text) {
        if (text == null) {
            return null;
        }
        String masked = TEMPLATE_SECRET.matcher(SecretRefs.mask(text)).replaceAll(SecretRefs.MASK);
        return CREDENTIALS.matcher(masked).replaceAll("$1" + SecretRefs.MASK + "@");
    }

    static String url(String url) {
        return text(url);
    }
}
