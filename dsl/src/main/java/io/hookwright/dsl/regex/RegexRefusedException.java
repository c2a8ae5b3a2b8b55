package io.hookwright.dsl.regex;

/** A definition's regular expression that cannot be used: too long, or not a regular expression. */
public final class RegexRefusedException extends IllegalArgumentException {
    public RegexRefusedException(String message) {
        super(message);
    }
}
