package io.hookwright.event;

/** One field that differs between {@code before} and the entity's attributes. */
public record Change(String field, Object previous, Object current) {
}
