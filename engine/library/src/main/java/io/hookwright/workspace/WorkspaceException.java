package io.hookwright.workspace;

/** A workspace that cannot be read, or that lacks what was asked for. */
public final class WorkspaceException extends RuntimeException {
    public WorkspaceException(String message) {
        super(message);
    }
}
