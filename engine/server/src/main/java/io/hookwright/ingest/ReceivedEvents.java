package io.hookwright.ingest;

import io.hookwright.store.StoreTransaction;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The events received over HTTP, by caller and event id, and what publishing each did: a caller's repeat of an event
 * gets the same answer. An event id is the caller's own: another caller may use the same id for an event of its own.
 * Every operation takes the ids of one request at once: a posted array costs a statement, not one per event.
 */
public interface ReceivedEvents {
    /** What a previous delivery of this event id answered. */
    record Answer(int status, String body) {
    }

    /**
     * A caller's event id taken for the event whose digest is {@code digest}, with its answer; a null answer while
     * it is still being processed (its after-commit webhooks to be sent), which repeats wait for.
     */
    record Claim(String eventId, String digest, Answer answer) {
    }

    /** The digests of the events a caller posted first with these ids, by id; the ids it did not post are missing. */
    Map<String, String> digests(String caller, Collection<String> eventIds);

    /**
     * Takes a caller's event ids, in {@code tx}, beside what else it writes: false when another request (or node)
     * took one of them meanwhile, and {@code tx} must then be rolled back.
     */
    boolean claim(StoreTransaction tx, String caller, List<Claim> claims, Instant now);

    /** {@link #claim(StoreTransaction, String, List, Instant)} in a transaction of its own: all of them or none. */
    boolean claim(String caller, List<Claim> claims, Instant now);

    /** Keeps the answers given for claimed event ids, by id, in {@code tx}. */
    void answered(StoreTransaction tx, String caller, Map<String, Answer> answers);

    /** {@link #answered(StoreTransaction, String, Map)} in a transaction of its own. */
    void answered(String caller, Map<String, Answer> answers);

    /** Forgets claims not answered yet, whose processing failed inside the engine, so the events can be sent again. */
    void release(String caller, Collection<String> eventIds);

    /** The answers kept for a caller's event ids, by id; an id still being processed is missing. */
    Map<String, Answer> answers(String caller, Collection<String> eventIds);

    /**
     * Forgets the claims made before {@code claimedBefore} that are still unanswered: no request or transaction holds
     * an id that long, so what claimed them is gone (a node that crashed or was killed with a transaction open), and
     * their events may be sent again. Returns how many.
     */
    int releaseAbandoned(Instant claimedBefore);

    /** Forgets the event ids received before {@code cutoff}: a repeat after that is a new event. Returns how many. */
    int forgetBefore(Instant cutoff);
}
