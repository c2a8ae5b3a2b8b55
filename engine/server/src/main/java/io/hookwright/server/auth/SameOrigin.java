package io.hookwright.server.auth;

import jakarta.ws.rs.container.ContainerRequestContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a state-changing request comes from the server's own origin, by its {@code Origin} header, or its
 * {@code Referer} when a browser sent no Origin. The own origin is the {@link PageOrigin}. Another port of the same
 * host is another origin, though its pages are the same site and a browser sends them SameSite=Strict cookies.
 */
final class SameOrigin {
    private SameOrigin() {
    }

    /** Why the request is refused, or empty when it came from this origin or (unless required) said nothing. */
    static Optional<String> refusal(ContainerRequestContext request, boolean required, PageOrigin page) {
        String origin = request.getHeaderString("Origin");
        String referer = request.getHeaderString("Referer");
        String source = origin != null ? origin : referer;
        String said = origin != null ? "Origin " : "Referer ";
        if (source == null || source.isBlank()) {
            return required ? Optional.of("a browser's form must say where it comes from (Origin or Referer), and "
                    + "this request says neither: nothing was changed") : Optional.empty();
        }
        Optional<String> own = page.of(request);
        Optional<String> from = origin(source.strip());
        if (own.isPresent() && own.equals(from)) {
            return Optional.empty();
        }
        return Optional.of("this request comes from " + said + printable(source) + ", not from this server's own "
                + "page (" + own.orElse("unknown: no Host header") + "): nothing was changed");
    }

    /** scheme://host:port, lowercase, with the scheme's default port written out; empty for "null" or nonsense. */
    static Optional<String> origin(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme)) || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The header as said, cut short and without control characters, for an error message. */
    private static String printable(String header) {
        String shown = header.codePoints().filter(c -> !Character.isISOControl(c)).limit(200)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() < header.length() ? shown + "…" : shown;
    }
}
