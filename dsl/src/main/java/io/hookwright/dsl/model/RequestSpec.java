package io.hookwright.dsl.model;

import java.util.List;
import java.util.Optional;

/**
 * What a webhook sends.
 *
 * @param method         GET, POST, PUT, PATCH or DELETE
 * @param url            templated URL
 * @param headers        templated headers, in the order written
 * @param body           templated body, if any
 * @param signingSecrets names of the secrets that sign each request (two while rotating)
 */
public record RequestSpec(String method, Template url, List<Header> headers, Optional<Template> body,
                          List<String> signingSecrets) {
    public RequestSpec {
        headers = List.copyOf(headers);
        signingSecrets = List.copyOf(signingSecrets);
    }

    /** The Content-Type header's literal text, if one is declared. */
    public Optional<String> contentType() {
        return headers.stream()
                .filter(h -> h.name().equalsIgnoreCase("Content-Type"))
                .map(h -> h.value().source())
                .findFirst();
    }
}
