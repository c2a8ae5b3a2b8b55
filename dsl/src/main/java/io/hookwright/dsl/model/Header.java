package io.hookwright.dsl.model;

/** A request header: a fixed name and a templated value. */
public record Header(String name, Template value) {
}
