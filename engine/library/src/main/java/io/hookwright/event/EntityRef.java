package io.hookwright.event;

/** A reference to another entity, such as the project a task belongs to. */
public record EntityRef(String type, String id, String key) {
}
