package io.hookwright.event;

/** An event in JSON that does not have the shape of DESIGN's "Events"; the message names the field. */
public final class EventFormatException extends RuntimeException {
    private final String field;

    public EventFormatException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
