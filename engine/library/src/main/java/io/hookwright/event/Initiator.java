package io.hookwright.event;

/** Who caused the event. */
public record Initiator(String userId, String name, String login) {
}
