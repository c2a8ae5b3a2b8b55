package io.hookwright.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request as rendered when the event happened, with secret references in place of secret values. It is
 * what is stored, queued and shown; {@link #resolve} puts the secrets in just before sending.
 */
public record RenderedRequest(String method, String url, List<Header> headers, String body) {
    public record Header(String name, String value) {
    }

    public RenderedRequest {
        headers = List.copyOf(headers);
    }

    /** The secret names this request needs. */
    public Set<String> secretNames() {
        Set<String> names = new LinkedHashSet<>(SecretRefs.names(url));
        headers.forEach(h -> names.addAll(SecretRefs.names(h.value())));
        names.addAll(SecretRefs.names(body));
        return names;
    }

    /** The request as shown to people: every secret is {@code ••••}. */
    public RenderedRequest masked() {
        return map(SecretRefs::mask);
    }

    /** The request as sent, with secret values in; fails naming the secrets that are not set. */
    public RenderedRequest resolve(Secrets secrets) {
        List<String> unset = secretNames().stream().filter(n -> !secrets.has(n)).toList();
        if (!unset.isEmpty()) {
            throw new MissingSecretException(unset);
        }
        return map(text -> SecretRefs.replace(text, name -> secrets.value(name).orElseThrow()));
    }

    private RenderedRequest map(java.util.function.UnaryOperator<String> f) {
        List<Header> mapped = new ArrayList<>(headers.size());
        headers.forEach(h -> mapped.add(new Header(h.name(), f.apply(h.value()))));
        return new RenderedRequest(method, f.apply(url), mapped, f.apply(body));
    }

    /**
     * The host of the URL, lower-cased; empty when the URL has none. Secret references are left in: a host is
     * not expected to be secret, and when one is, the reference stands for it.
     */
    public String host() {
        try {
            String host = java.net.URI.create(url.strip()).getHost();
            return host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Headers as a JSON object (a repeated name keeps its last value). */
    public Map<String, String> headerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        headers.forEach(h -> map.put(h.name(), h.value()));
        return map;
    }

    /** A secret a request needs is not set. */
    public static final class MissingSecretException extends RuntimeException {
        private final List<String> names;

        public MissingSecretException(List<String> names) {
            super("secret" + (names.size() > 1 ? "s " : " ") + String.join(", ", names) + " not set: set "
                    + Secrets.ENV_PREFIX + names.get(0) + " or add it to the secrets file");
            this.names = List.copyOf(names);
        }

        public List<String> names() {
            return names;
        }
    }
}
