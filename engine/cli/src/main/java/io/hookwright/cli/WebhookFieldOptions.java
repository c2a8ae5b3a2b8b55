package io.hookwright.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

import java.util.List;

/** Fields of a webhook document given as options; each one given replaces that field of the document. */
final class WebhookFieldOptions {
    @Option(names = "--label", paramLabel = "TEXT", description = "its label")
    String label;

    @Option(names = "--description", paramLabel = "TEXT", description = "what it is for")
    String description;

    @Option(names = "--owner", paramLabel = "WHO", description = "who answers for it")
    String owner;

    @Option(names = "--url", paramLabel = "URL", description = "where it sends")
    String url;

    @Option(names = "--verb", paramLabel = "VERB", description = "the HTTP method: POST, PUT, PATCH, GET or DELETE")
    String verb;

    @Option(names = "--header", paramLabel = "'NAME: VALUE'", description = "a request header (repeatable); one of "
            + "the same name is replaced. A value may name secrets: 'Authorization: Bearer $${secrets.ERP_TOKEN}'")
    List<String> headers = List.of();

    @Option(names = "--body", paramLabel = "TEMPLATE", description = "the request body, a FreeMarker template")
    String body;

    @Option(names = "--active", paramLabel = "true|false", description = "whether it fires", arity = "1")
    Boolean active;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "the tenant whose events it takes")
    String tenant;

    /** Puts the fields given into {@code doc}. */
    void applyTo(ObjectNode doc) {
        put(doc, "label", label);
        put(doc, "description", description);
        put(doc, "owner", owner);
        put(doc, "url", url);
        put(doc, "httpVerb", verb);
        put(doc, "body", body);
        put(doc, "tenant", tenant);
        if (active != null) {
            doc.put("active", active);
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon < 1) {
                throw CommandFailure.usage("--header '" + header + "': write it as 'Name: value'");
            }
            String name = header.substring(0, colon).strip();
            ArrayNode list = doc.has("headers") && doc.get("headers").isArray() ? (ArrayNode) doc.get("headers")
                    : doc.putArray("headers");
            removeHeader(list, name);
            list.addObject().put("name", name).put("value", header.substring(colon + 1).strip());
        }
    }

    static void removeHeader(ArrayNode headers, String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).path("name").asText().equalsIgnoreCase(name)) {
                headers.remove(i);
            }
        }
    }

    private static void put(ObjectNode doc, String field, String value) {
        if (value != null) {
            doc.put(field, value);
        }
    }
}
