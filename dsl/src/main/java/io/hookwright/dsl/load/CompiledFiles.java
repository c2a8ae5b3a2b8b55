package io.hookwright.dsl.load;

import io.hookwright.dsl.model.WebhookDefinition;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The definition files of the last load that loaded without an error, kept with what their result depended on: the
 * file's text and the text of every template it read. A file whose text and templates are unchanged gives the same
 * webhooks again, so a reload compiles only what changed. Found by content, not by time or folder: a set published
 * by another node and written out to a folder of its own reuses what this node compiled.
 */
final class CompiledFiles {
    /** A file's result and what it was made from. */
    record Entry(String text, Map<String, String> templates, List<WebhookDefinition> webhooks) {
        Entry {
            templates = Map.copyOf(templates);
            webhooks = List.copyOf(webhooks);
        }
    }

    private volatile Map<String, Entry> last = Map.of();

    /** What {@code file} gave when it last loaded, if its text and its templates in {@code root} are the same. */
    Entry reuse(Path root, String file, String text) {
        Entry entry = last.get(file);
        return entry != null && entry.text().equals(text) && sameTemplates(root, entry.templates()) ? entry : null;
    }

    /** Ends a load: what it loaded replaces what the one before it had, so files gone or broken are forgotten. */
    void replace(Map<String, Entry> loaded) {
        last = Map.copyOf(loaded);
    }

    private static boolean sameTemplates(Path root, Map<String, String> templates) {
        for (Map.Entry<String, String> template : templates.entrySet()) {
            try {
                if (!DefinitionFiles.readText(root, template.getKey()).equals(template.getValue())) {
                    return false;
                }
            } catch (DefinitionFiles.Refused refused) {
                return false;
            }
        }
        return true;
    }
}
