package io.hookwright.execution;

import io.hookwright.definitions.CompiledDefinitions;

/**
 * The definitions an engine runs, with the revision every run records. An event is planned against one of these
 * as a whole, so a reload never gives an event half of each set.
 */
public record LoadedDefinitions(CompiledDefinitions definitions, String revision) {
}
