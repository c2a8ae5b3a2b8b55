package io.hookwright.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "edit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Change a webhook as serve's PUT /webhooks/CODE does: only its own webhook('CODE') { … } block "
                + "is rewritten (the rest of its file stays byte for byte), checked with the whole folder and "
                + "committed. The document is the webhook as it is now, or the one --json gives, changed by the "
                + "options given.")
final class WebhookEditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CODE", description = "the webhook's code")
    String code;

    @Mixin
    DefinitionsOption definitions;

    @Mixin
    WriteOptions write;

    @Option(names = "--json", arity = "0..1", paramLabel = "FILE|-", fallbackValue = "",
            description = "the whole new webhook document, from FILE (- for standard input); given alone or with one, "
                    + "the answer is JSON")
    String json;

    @Option(names = "--if-match", paramLabel = "REVISION", description = "refuse the change when the webhook changed "
            + "since this revision (default: the revision it is at now)")
    String ifMatch;

    @Option(names = "--add-event", paramLabel = "TYPE", description = "listen to this event type too (repeatable)")
    List<String> addEvents = List.of();

    @Option(names = "--remove-event", paramLabel = "TYPE", description = "no longer listen to it (repeatable)")
    List<String> removeEvents = List.of();

    @Option(names = "--remove-header", paramLabel = "NAME", description = "send this header no more (repeatable)")
    List<String> removeHeaders = List.of();

    @Mixin
    WebhookFieldOptions fields;

    @Override
    public Integer call() {
        WebhookWrites writes = WebhookWrites.open(spec, definitions, write, json != null);
        String author = writes.author();
        return writes.run("Updated", code, () -> {
            ObjectNode now = writes.current(code);
            String revision = ifMatch != null ? ifMatch : String.valueOf(now.get("revision").asText());
            ObjectNode doc = json != null && !json.isEmpty() ? WebhookWrites.document(json) : now;
            ArrayNode types = doc.has("eventTypes") && doc.get("eventTypes").isArray() ? (ArrayNode) doc.get("eventTypes")
                    : doc.putArray("eventTypes");
            for (String type : removeEvents) {
                boolean found = false;
                for (int i = types.size() - 1; i >= 0; i--) {
                    if (types.get(i).asText().equals(type)) {
                        types.remove(i);
                        found = true;
                    }
                }
                if (!found) {
                    throw CommandFailure.usage("--remove-event " + type + ": " + code + " does not listen to it");
                }
            }
            addEvents.stream().filter(t -> !has(types, t)).forEach(types::add);
            if (doc.has("headers") && doc.get("headers").isArray()) {
                removeHeaders.forEach(h -> WebhookFieldOptions.removeHeader((ArrayNode) doc.get("headers"), h));
            }
            fields.applyTo(doc);
            if (write.message != null) {
                doc.put("message", write.message);
            }
            return writes.authoring().update(code, "\"" + revision.replace("\"", "") + "\"", doc, author);
        });
    }

    private static boolean has(ArrayNode types, String type) {
        for (var t : types) {
            if (t.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }
}
