package io.hookwright.server.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The web page's own origin, the only one its forms are taken from ({@link SameOrigin}), and whether its cookies are
 * Secure. By default it is the request's: the scheme it came in by with the {@code Host} it was sent to. Behind a
 * proxy that terminates TLS the server sees plain http from the proxy, so the operator gives the public URL
 * browsers open ({@code serve --public-url}); it is then the page's origin whatever the request says.
 * {@code X-Forwarded-*} headers never count: any client can send them.
 */
public final class PageOrigin {
    /** The page's origin is that of each request. */
    public static final PageOrigin OF_REQUEST = new PageOrigin(null);

    /** scheme://host:port, lowercase, the default port written out; null: the request's. */
    private final String publicOrigin;

    private PageOrigin(String publicOrigin) {
        this.publicOrigin = publicOrigin;
    }

    /**
     * The page as served at {@code url}: http or https, a host, optionally a port, and nothing else (a "/" path at
     * most), since an origin has no path and the page's own paths start at "/".
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static PageOrigin publicUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("it must start with https:// or http://");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("it must not carry a user or password");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("its host[:port] is not valid");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new IllegalArgumentException("port " + uri.getPort() + " is not one from 1 to 65535");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("it must not have a path (" + uri.getRawPath() + "): the page is "
                    + "served from /");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("it must not have a query or fragment");
        }
        return new PageOrigin(SameOrigin.origin(scheme + "://" + uri.getRawAuthority()).orElseThrow(
                () -> new IllegalArgumentException("its host[:port] is not valid")));
    }

    /** The origin the page's forms must come from for this request; empty when it cannot be told (no Host). */
    Optional<String> of(ContainerRequestContext request) {
        if (publicOrigin != null) {
            return Optional.of(publicOrigin);
        }
        String host = request.getHeaderString(HttpHeaders.HOST);
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        return SameOrigin.origin(request.getUriInfo().getBaseUri().getScheme() + "://" + host.strip());
    }

    /** Whether the page's cookies are Secure: when the page is served over https, here or at its public URL. */
    public boolean secure(ContainerRequestContext request) {
        return publicOrigin != null ? publicOrigin.startsWith("https:")
                : "https".equalsIgnoreCase(request.getUriInfo().getBaseUri().getScheme());
    }

    @Override
    public String toString() {
        return publicOrigin == null ? "the request's" : publicOrigin;
    }
}
