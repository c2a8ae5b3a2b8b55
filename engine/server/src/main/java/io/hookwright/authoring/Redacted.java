package io.hookwright.authoring;

/** A remote's URL as answers and logs show it: without the user and password a URL may carry. */
final class Redacted {
    private Redacted() {
    }

    /** {@code https://user:token@host/repo.git} as {@code https://***@host/repo.git}, in any text. */
    static String remote(String text) {
        return text == null ? null : text.replaceAll("(\\w+://)[^/@\\s]+@", "$1***@");
    }
}
