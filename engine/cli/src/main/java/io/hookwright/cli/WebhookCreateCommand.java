package io.hookwright.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookwright.event.EventJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create a webhook as serve's POST /webhooks does: checked with the whole folder (invalid: the "
                + "errors at file:line:col, nothing written), written to <code>.groovy and committed to the "
                + "definitions' git work tree. From a webhook document (--json FILE, or - for standard input), "
                + "options, or both (the options win).")
final class WebhookCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DefinitionsOption definitions;

    @Mixin
    WriteOptions write;

    @Option(names = "--json", arity = "0..1", paramLabel = "FILE|-", fallbackValue = "",
            description = "read the webhook document from FILE (- for standard input); given alone or with one, the "
                    + "answer is JSON: the document as committed (file, revision), or {error, status, errors...}")
    String json;

    @Option(names = "--code", paramLabel = "CODE", description = "its code (default: made from the label or the URL)")
    String code;

    @Option(names = "--event", paramLabel = "TYPE", description = "an event type it listens to, e.g. Project:Updated "
            + "(repeatable)")
    List<String> events = List.of();

    @Mixin
    WebhookFieldOptions fields;

    @Override
    public Integer call() {
        WebhookWrites writes = WebhookWrites.open(spec, definitions, write, json != null);
        ObjectNode doc = json != null && !json.isEmpty() ? WebhookWrites.document(json) : EventJson.MAPPER.createObjectNode();
        if (code != null) {
            doc.put("code", code);
        }
        if (!events.isEmpty()) {
            ArrayNode types = doc.has("eventTypes") && doc.get("eventTypes").isArray() ? (ArrayNode) doc.get("eventTypes")
                    : doc.putArray("eventTypes");
            events.forEach(types::add);
        }
        fields.applyTo(doc);
        if (write.message != null) {
            doc.put("message", write.message);
        }
        String author = writes.author();
        return writes.run("Created", code, () -> writes.authoring().create(doc, author));
    }
}
