package io.hookwright.errors;

/**
 * The engine's database could not be read or written: it is unreachable, locked past its wait, full or refused a
 * statement. The message names the database (its URL with any password masked) and what failed; the driver's
 * exception is the cause. Nothing the engine had accepted is lost by it: what it must still do is recorded for
 * recovery (see {@code Engine}).
 */
public final class StoreUnavailableException extends HookwrightException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
