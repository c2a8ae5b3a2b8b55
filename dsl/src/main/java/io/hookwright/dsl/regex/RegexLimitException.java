package io.hookwright.dsl.regex;

/** A match stopped by its limits: the text was too long, or the time budget ran out. Carries no stack trace. */
public final class RegexLimitException extends RuntimeException {
    public RegexLimitException(String message) {
        super(message, null, false, false);
    }
}
