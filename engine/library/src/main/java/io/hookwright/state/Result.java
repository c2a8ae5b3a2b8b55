package io.hookwright.state;

import java.util.Objects;

/** What one delivery says about its webhook's health: it succeeded, or it failed for {@code failure}. */
public record Result(String failure) {
    public static final Result SUCCEEDED = new Result(null);

    public static Result failed(String failure) {
        return new Result(Objects.requireNonNull(failure, "failure"));
    }

    public boolean succeeded() {
        return failure == null;
    }
}
