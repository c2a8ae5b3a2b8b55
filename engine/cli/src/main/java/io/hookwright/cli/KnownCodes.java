package io.hookwright.cli;

import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.execution.Engine;

import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Refuses a webhook code that is neither defined nor stored: a typo in {@code activate} or {@code deactivate} would
 * otherwise store a state that no webhook ever reads. A stored code no longer defined is accepted, to tidy it.
 */
final class KnownCodes {
    private KnownCodes() {
    }

    static void require(String code, Engine engine, Path folder) {
        boolean defined = engine.definitions().definitions().webhook(code).isPresent();
        if (!defined && !engine.states().containsKey(code)) {
            throw CommandFailure.usage("no webhook " + code + " in " + folder + ", and no state stored for it; "
                    + "webhooks: " + engine.definitions().definitions().rules().webhooks().stream()
                    .map(WebhookDefinition::code).collect(Collectors.joining(", ")));
        }
    }
}
