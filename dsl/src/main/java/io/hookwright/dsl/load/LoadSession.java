package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.WebhookDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What one definition file produces while it runs: its webhooks and its errors, each placed in the source. */
final class LoadSession {
    private final String file;
    private final CallSites sites;
    private final Path folder;
    private final Duration whereLimit;
    private final List<WebhookDefinition> webhooks = new ArrayList<>();
    private final List<DefinitionError> errors = new ArrayList<>();

    LoadSession(String file, CallSites sites, Path folder, Duration whereLimit) {
        this.file = file;
        this.sites = sites;
        this.folder = folder;
        this.whereLimit = whereLimit;
    }

    String file() {
        return file;
    }

    Path folder() {
        return folder;
    }

    Duration whereLimit() {
        return whereLimit;
    }

    List<WebhookDefinition> webhooks() {
        return webhooks;
    }

    List<DefinitionError> errors() {
        return errors;
    }

    /** The call of {@code word} that is running now, found from the line on the stack. */
    CallSites.Site site(String word) {
        int line = StackWalker.getInstance()
                .walk(frames -> frames.filter(f -> file.equals(f.getFileName())).findFirst())
                .map(StackWalker.StackFrame::getLineNumber)
                .orElse(1);
        return sites.find(line, word);
    }

    SourcePosition here(String word) {
        return site(word).position();
    }

    /** Where the text of argument {@code index} of the running {@code word} call starts. */
    SourcePosition argument(String word, int index) {
        CallSites.Site site = site(word);
        return index < site.arguments().size() ? site.arguments().get(index) : site.position();
    }

    void error(String word, String message) {
        errors.add(DefinitionError.at(here(word), message));
    }

    void error(SourcePosition where, String message) {
        errors.add(DefinitionError.at(where, message));
    }
}
