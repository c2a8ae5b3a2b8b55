package io.hookwright.ingest;

import java.time.Instant;
import java.util.Optional;

/** The ids of events received over HTTP and what publishing each did: a repeated id gets the same answer. */
public interface ReceivedEvents {
    /** What a previous delivery of this event id answered. */
    record Answer(int status, String body) {
    }

    /**
     * Claims an event id for processing. False when the id was received before (or is being processed now by
     * another request or node): then {@link #answer} has, or will have, the first answer.
     */
    boolean claim(String eventId, Instant now);

    /** Keeps the answer given for a claimed event id. */
    void answered(String eventId, Answer answer);

    /** Forgets a claim whose processing failed inside the engine, so the event can be sent again. */
    void release(String eventId);

    /** The answer kept for an event id; empty while it is still being processed. */
    Optional<Answer> answer(String eventId);

    /** Forgets the event ids received before {@code cutoff}: a repeat after that is a new event. Returns how many. */
    int forgetBefore(Instant cutoff);
}
