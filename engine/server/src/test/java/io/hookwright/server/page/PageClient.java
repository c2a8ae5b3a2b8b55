package io.hookwright.server.page;

import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Scope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The page as a browser without a window uses it, over plain HTTP: it keeps the cookies the server sets, sends them
 * back, and posts forms url-encoded with its {@link #origin} (the server's own unless a test says otherwise).
 */
final class PageClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ServerFixture server;
    final Map<String, String> cookies = new LinkedHashMap<>();
    /** The Origin header of posts; null sends none. */
    String origin;

    PageClient(ServerFixture server) {
        this.server = server;
        this.origin = "http://127.0.0.1:" + server.server.port();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(server.uri(path)).GET());
    }

    /** Posts a form; the pairs are name, value, name, value… */
    HttpResponse<String> post(String path, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request);
    }

    /** Sends a request with this client's cookies, and keeps those the answer sets. */
    HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                for (HttpCookie cookie : HttpCookie.parse(header)) {
                    if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                        cookies.remove(cookie.getName());
                    } else {
                        cookies.put(cookie.getName(), cookie.getValue());
                    }
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs in through the login form with the token of a scope; answers the login's response. */
    HttpResponse<String> login(String token) {
        String csrf = csrf(get("/login"));
        return post("/login", "csrf", csrf, "token", token);
    }

    /** Signs in with the token of a scope and checks that it worked. */
    PageClient signedIn(Scope scope) {
        HttpResponse<String> response = login(ServerFixture.token(scope));
        assertEquals(303, response.statusCode(), response.body());
        return this;
    }

    /** The CSRF token of the first form on a page. */
    static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no CSRF field on the page: " + page.body());
        }
        return m.group(1);
    }

    /** The CSRF token of the forms of a page the session opens. */
    String csrf(String path) {
        return csrf(get(path));
    }

    /** Where a redirect leads, as a path on the server. */
    static String location(HttpResponse<String> response) {
        URI to = response.request().uri().resolve(response.headers().firstValue("Location").orElseThrow());
        return to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
    }
}
