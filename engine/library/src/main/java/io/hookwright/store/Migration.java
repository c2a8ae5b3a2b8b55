package io.hookwright.store;

import org.jooq.DSLContext;

import java.util.function.Consumer;

/** One versioned step of the schema, written with jOOQ's DDL so each dialect gets its own SQL. */
record Migration(int version, String description, Consumer<DSLContext> change) {
}
