package io.hookwright.ingest;

import java.time.Instant;
import java.util.Optional;

/**
 * The events received over HTTP, by caller and event id, and what publishing each did: a caller's repeat of an event
 * gets the same answer. An event id is the caller's own: another caller may use the same id for an event of its own.
 */
public interface ReceivedEvents {
    /** What a previous delivery of this event id answered. */
    record Answer(int status, String body) {
    }

    /**
     * Claims a caller's event id for processing, for the event whose digest is {@code digest}. Empty when the claim is
     * new; else the digest of the event that claimed it first (the caller's first post of it, maybe still being
     * processed by another request or node): when that is {@code digest}, {@link #answer} has, or will have, the
     * first answer.
     */
    Optional<String> claim(String caller, String eventId, String digest, Instant now);

    /** The digest of the event a caller posted first with this id, if it did. */
    Optional<String> digest(String caller, String eventId);

    /** Keeps the answer given for a claimed event id. */
    void answered(String caller, String eventId, Answer answer);

    /** Forgets a claim whose processing failed inside the engine, so the event can be sent again. */
    void release(String caller, String eventId);

    /** The answer kept for a caller's event id; empty while it is still being processed. */
    Optional<Answer> answer(String caller, String eventId);

    /** Forgets the event ids received before {@code cutoff}: a repeat after that is a new event. Returns how many. */
    int forgetBefore(Instant cutoff);
}
