package io.hookwright.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock a test moves by hand: give it to {@code Engine.builder(…).clock(…)} and retries, leases and retention come
 * due when the test says, without waiting for them. It stands still between moves. Safe to read from any thread.
 */
public final class SettableClock extends Clock {
    private volatile Instant now;

    public SettableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Moves the clock forward by {@code by} (back, when negative). */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** Puts the clock at {@code to}. */
    public void set(Instant to) {
        now = Objects.requireNonNull(to, "to");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
