package io.hookwright.cli;

import io.hookwright.execution.Engine;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.store.Database;

/**
 * The engine a command works with. It is never started: a command's sends happen in its own thread, and nothing
 * is left running in the background when the command returns.
 */
final class CommandEngine {
    private CommandEngine() {
    }

    /** An engine that does not send: for commands that read or change the store only. */
    static Engine of(Database database, LoadedDefinitions definitions) {
        return Engine.builder(database, definitions).build();
    }

    /** An engine that sends with the command's secrets and target policy. */
    static Engine sending(Database database, LoadedDefinitions definitions, SendOptions send) {
        return Engine.builder(database, definitions)
                .secrets(send.secrets())
                .targetPolicy(send.targetPolicy())
                .build();
    }

    /** Who a command's activate or deactivate is on the webhook's trail as: the CLI and the system user running it. */
    static String operator() {
        return "cli (" + System.getProperty("user.name", "unknown user") + ")";
    }
}
