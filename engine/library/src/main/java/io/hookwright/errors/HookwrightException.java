package io.hookwright.errors;

/**
 * What the engine throws to its host: every failure an embedding application can meet is one of these, so a host
 * catches one type (and its subtypes when it handles a case): {@link WebhookVetoedException},
 * {@link NotQueuedException}, {@link DefinitionsInvalidException}, {@link StoreUnavailableException}, and
 * {@code EventFormatException} for an event the engine refuses. Messages never carry secret values.
 */
public class HookwrightException extends RuntimeException {
    public HookwrightException(String message) {
        super(message);
    }

    public HookwrightException(String message, Throwable cause) {
        super(message, cause);
    }
}
