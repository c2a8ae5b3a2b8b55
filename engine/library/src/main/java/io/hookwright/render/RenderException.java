package io.hookwright.render;

/** A template failed for this event, or rendered something unusable; the message says where and why. */
public final class RenderException extends RuntimeException {
    public RenderException(String message) {
        super(message, null, false, false);
    }
}
