package io.hookwright.event;

import io.hookwright.errors.HookwrightException;

/** An event that does not have the shape the engine accepts (see the README's events section); the message names the field. */
public final class EventFormatException extends HookwrightException {
    private final String field;
    private final String reason;

    public EventFormatException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
        this.reason = message;
    }

    /** What is wrong, without the field. */
    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
