package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.WebhookDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one definition file produces while it runs: its webhooks and its errors, each placed in the source.
 * Once {@link #close() closed} (when the file finished, or ran out of time and its thread may still be running)
 * it takes nothing more.
 */
final class LoadSession {
    private final String file;
    private final CallSites sites;
    private final Path folder;
    private final Duration whereLimit;
    private final List<WebhookDefinition> webhooks = new ArrayList<>();
    private final List<DefinitionError> errors = new ArrayList<>();
    private final Map<String, String> templates = new HashMap<>();
    private boolean closed;

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

    synchronized void add(WebhookDefinition webhook) {
        if (!closed) {
            webhooks.add(webhook);
        }
    }

    /** A template file the definition read: its result depends on that file's text too. */
    synchronized void read(String template, String text) {
        templates.put(template, text);
    }

    /** The template files read, with the text read from each. */
    synchronized Map<String, String> templatesRead() {
        return Map.copyOf(templates);
    }

    synchronized int errorCount() {
        return errors.size();
    }

    /** Stops taking anything and returns the errors recorded so far. */
    synchronized List<DefinitionError> close() {
        closed = true;
        return List.copyOf(errors);
    }

    synchronized List<WebhookDefinition> webhooks() {
        return List.copyOf(webhooks);
    }

    /** The call of {@code word} that is running now, found from the line on the stack. */
    CallSites.Site site(String word) {
        int line = StackWalker.getInstance()
                .walk(frames -> frames.filter(f -> file.equals(f.getFileName())).findFirst())
                .map(StackWalker.StackFrame::getLineNumber)
                .orElse(1);
        return sites.find(line, word);
    }

    /** Where {@code word} is written on a line. */
    SourcePosition at(int line, String word) {
        return sites.find(line, word).position();
    }

    SourcePosition here(String word) {
        return site(word).position();
    }

    /** Where the text of argument {@code index} of the running {@code word} call starts. */
    SourcePosition argument(String word, int index) {
        CallSites.Site site = site(word);
        return index < site.arguments().size() ? site.arguments().get(index) : site.position();
    }

    /**
     * Where the named argument {@code name} ({@code attempts: 3}) of the running {@code word} call is written: its
     * name, or its {@code value}; the first argument's place when it is not known.
     */
    SourcePosition namedArgument(String word, String name, boolean value) {
        CallSites.Site site = site(word);
        CallSites.Named named = site.named().get(name);
        if (named != null) {
            return value ? named.value() : named.name();
        }
        return site.arguments().isEmpty() ? site.position() : site.arguments().get(0);
    }

    void error(String word, String message) {
        error(here(word), message);
    }

    synchronized void error(SourcePosition where, String message) {
        if (!closed) {
            errors.add(DefinitionError.at(where, message));
        }
    }
}
