package io.hookwright.bench;

import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.execution.Engine;
import io.hookwright.render.MessageIds;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;

/**
 * What the delivery benchmarks send: a {@code Project:Updated} event per request, and the body the bench webhook
 * renders for it, so the bare HTTP loop posts exactly what the engine posts.
 */
final class Requests {
    /** The bench webhook's body template; {@link #body} writes the same text without the engine. */
    static final String TEMPLATE = "{\"project\": \"${entity.key}\", \"status\": \"${entity.attributes.Status}\", "
            + "\"message\": \"${message.id}\"}";

    private Requests() {
    }

    static String eventId(String run, int i) {
        return "evt-" + run + "-" + i;
    }

    static Event event(String run, int i) {
        return Event.builder("Project:Updated").id(eventId(run, i)).tenant("acme")
                .initiator(new Initiator("u-1", "Anna Doe", "anna"))
                .entity(new Entity("Project", "p-" + i, "KEY-" + i, Map.of("Status", "Done")))
                .before(Map.of("Status", "On track")).build();
    }

    static String messageId(String run, int i, String webhook) {
        return MessageIds.of(eventId(run, i), webhook);
    }

    /**
     * Publishes events 0 to {@code count - 1} of {@code run} through {@code host}, {@code perTransaction} to a host
     * transaction on {@code connection}; returns when each event's transaction committed ({@link System#nanoTime}).
     */
    static long[] publish(Engine host, Connection connection, String run, int count, int perTransaction)
            throws SQLException {
        long[] committed = new long[count];
        for (int first = 0; first < count; first += perTransaction) {
            int end = Math.min(count, first + perTransaction);
            try (var tx = host.begin(connection)) {
                for (int i = first; i < end; i++) {
                    tx.publish(event(run, i));
                }
                tx.commit();
            }
            Arrays.fill(committed, first, end, System.nanoTime());
        }
        return committed;
    }

    static String body(String run, int i, String webhook) {
        return "{\"project\": \"KEY-" + i + "\", \"status\": \"Done\", \"message\": \"" + messageId(run, i, webhook)
                + "\"}";
    }
}
