package io.hookwright.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claims this engine holds, from its claim until its settlement is written or it is given up, and whether each
 * message was sent. Every change that decides whether a message goes out is atomic per message, so a message given up
 * (at a stop, or when this worker's lease was lost) is never sent, and a message sent is never given up.
 */
final class HeldClaims {
    /** Message id → whether its request went out (or is going out). */
    private final Map<String, Boolean> claims = new ConcurrentHashMap<>();

    void claimed(Collection<String> messageIds) {
        messageIds.forEach(id -> claims.put(id, false));
    }

    /** Marks the message as sent; false when it is no longer held and must not be sent. */
    boolean send(String messageId) {
        return claims.computeIfPresent(messageId, (id, sent) -> true) != null;
    }

    /** Gives up the message if it was not sent; true when it was given up now. */
    boolean giveUp(String messageId) {
        return claims.remove(messageId, false);
    }

    /** The claim is done with: its settlement is written. */
    void settled(String messageId) {
        claims.remove(messageId);
    }

    /** Gives up every message not sent, and returns their ids. */
    List<String> giveUpWaiting() {
        List<String> given = new ArrayList<>();
        for (String id : claims.keySet()) {
            if (giveUp(id)) {
                given.add(id);
            }
        }
        return given;
    }

    boolean isEmpty() {
        return claims.isEmpty();
    }
}
