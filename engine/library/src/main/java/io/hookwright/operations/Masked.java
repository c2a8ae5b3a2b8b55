package io.hookwright.operations;

import io.hookwright.render.SecretRefs;

import java.util.regex.Pattern;

/**
 * Texts of a webhook's state as an operational event shows them: every secret reference masked, and a URL's
 * credentials ({@code https://user:password@host}) too, so an operator's chat never sees what the run log hides.
 * Error texts already hold no secret value (the sender scrubs them), only, at most, references and URLs.
 */
final class Masked {
    private static final Pattern CREDENTIALS = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@?#]+@");

    private Masked() {
    }

    static String text(String text) {
        return text == null ? null : CREDENTIALS.matcher(SecretRefs.mask(text)).replaceAll("$1" + SecretRefs.MASK + "@");
    }

    static String url(String url) {
        return text(url);
    }
}
