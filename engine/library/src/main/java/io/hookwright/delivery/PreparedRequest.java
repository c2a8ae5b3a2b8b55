package io.hookwright.delivery;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.hookwright.event.EventJson;
import io.hookwright.render.RenderedRequest;
import io.hookwright.render.RenderedRequest.Header;
import io.hookwright.render.PercentEncoding;
import io.hookwright.render.SecretRefs;
import io.hookwright.render.Secrets;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rendered request made ready to send. Everything that can be wrong with its shape (URL, header names and values)
 * is checked on the rendered form, where secret references stand for the values, and every message shows that form
 * masked; only then do the values go in, each escaped for where it stands: percent-encoded in the URL, as JSON
 * string content in a JSON body, form-encoded in a form body, and refused in a header when it holds a line break or control character (a value
 * read with its trailing newline, say) instead of being sent.
 */
record PreparedRequest(String method, URI uri, List<Header> headers, String body) {
    /** The request cannot be sent as it is; the message names what is wrong, with secrets masked. */
    static final class NotSendable extends RuntimeException {
        NotSendable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param rendered the request with secret references, its URL already vetted as {@code vetted}
     * @throws NotSendable naming the header or secret at fault
     * @throws RenderedRequest.MissingSecretException naming the secrets that are not set
     */
    static PreparedRequest of(RenderedRequest rendered, TargetPolicy.Vetted vetted, Secrets secrets) {
        boolean refs = holdsRefs(rendered);
        if (refs) {
            List<String> unset = rendered.secretNames().stream().filter(n -> !secrets.has(n)).toList();
            if (!unset.isEmpty()) {
                throw new RenderedRequest.MissingSecretException(unset);
            }
        }
        for (Header header : rendered.headers()) {
            if (!isToken(header.name())) {
                throw new NotSendable("header name '" + printable(SecretRefs.mask(header.name()))
                        + "' is not a valid name (letters, digits and !#$%&'*+-.^_`|~ only)");
            }
            if (!fitsHeader(header.value())) {
                throw new NotSendable("header " + header.name() + " has a line break or control character in its "
                        + "value, which a header cannot carry: \"" + printable(SecretRefs.mask(header.value())) + "\"");
            }
        }
        if (!refs) {
            return new PreparedRequest(rendered.method(), vetted.uri(), rendered.headers(), rendered.body());
        }
        URI uri = url(rendered, vetted, secrets);
        List<Header> headers = new ArrayList<>(rendered.headers().size());
        for (Header header : rendered.headers()) {
            headers.add(new Header(header.name(), SecretRefs.replace(header.value(), name -> {
                String value = secrets.value(name).orElseThrow();
                if (!fitsHeader(value)) {
                    throw new NotSendable("secret " + name + " cannot go in header " + header.name() + ": its value "
                            + "holds a line break or control character (a trailing newline in the secrets file?)");
                }
                return value;
            })));
        }
        return new PreparedRequest(rendered.method(), uri, headers, body(rendered, secrets));
    }

    private static URI url(RenderedRequest rendered, TargetPolicy.Vetted vetted, Secrets secrets) {
        if (SecretRefs.names(rendered.url()).isEmpty()) {
            return vetted.uri();
        }
        String url = SecretRefs.replace(rendered.url(), name -> PercentEncoding.encode(secrets.value(name).orElseThrow()));
        try {
            URI uri = new URI(url);
            if (!vetted.host().equalsIgnoreCase(uri.getHost().replaceAll("^\\[|]$", ""))
                    || uri.getPort() != vetted.uri().getPort()) {
                throw new URISyntaxException("", "its secrets moved its host");
            }
            return uri;
        } catch (URISyntaxException | RuntimeException e) {
            // Percent-encoded values are valid in every part a secret may stand in; this is a guard, never expected.
            throw new NotSendable("'" + SecretRefs.mask(rendered.url()) + "' is not a URL once its secrets are in");
        }
    }

    /**
     * The body with its secrets in: as JSON string content when the body is JSON, form-encoded in a form body, else
     * as they are.
     */
    private static String body(RenderedRequest rendered, Secrets secrets) {
        String body = rendered.body();
        if (body == null || SecretRefs.names(body).isEmpty()) {
            return body;
        }
        if (contentType(rendered).contains("application/x-www-form-urlencoded")) {
            return SecretRefs.replace(body, name -> URLEncoder.encode(secrets.value(name).orElseThrow(),
                    StandardCharsets.UTF_8));
        }
        if (isJson(rendered)) {
            // A reference is letters, digits and dashes, so in valid JSON it can only stand inside a string.
            JsonStringEncoder json = JsonStringEncoder.getInstance();
            return SecretRefs.replace(body, name -> new String(json.quoteAsString(secrets.value(name).orElseThrow())));
        }
        return SecretRefs.replace(body, name -> secrets.value(name).orElseThrow());
    }

    private static String contentType(RenderedRequest rendered) {
        return rendered.headers().stream().filter(h -> h.name().equalsIgnoreCase("Content-Type"))
                .map(h -> h.value().toLowerCase(Locale.ROOT)).findFirst().orElse("");
    }

    private static boolean isJson(RenderedRequest rendered) {
        if (!contentType(rendered).contains("json")) {
            return false;
        }
        try {
            EventJson.MAPPER.readTree(rendered.body());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether any part of the request may hold a secret reference. Most hold none, and are then sent as rendered
     * without looking for each reference and putting its value in.
     */
    private static boolean holdsRefs(RenderedRequest rendered) {
        if (mayHoldRef(rendered.url()) || mayHoldRef(rendered.body())) {
            return true;
        }
        for (Header header : rendered.headers()) {
            if (mayHoldRef(header.value())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayHoldRef(String text) {
        return text != null && text.contains(REF_START);
    }

    /** What every secret reference starts with. */
    private static final String REF_START = refStart();

    private static String refStart() {
        String ref = SecretRefs.ref("a");
        return ref.substring(0, ref.indexOf('a'));
    }

    /** Whether {@code name} is an RFC 9110 token, what a header name may be (checked for every header sent). */
    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** What java.net.http lets through in a header value: tab, space, visible ASCII and Latin-1. */
    private static boolean fitsHeader(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7f || c > 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** Control characters written out ({@code \n}, {@code \u0000}), so a message shows where they are. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
