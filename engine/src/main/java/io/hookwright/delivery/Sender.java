package io.hookwright.delivery;

import io.hookwright.delivery.Signatures.SigningSecret;
import io.hookwright.render.RenderedRequest;
import io.hookwright.render.Secrets;
import io.hookwright.runlog.Response;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends one rendered request: checks the target, puts the secrets in, adds the Standard Webhooks headers, and
 * reports what came back. Never throws for what a target does; every failure is an {@link Attempt} with its reason.
 */
public final class Sender {
    /** Headers the engine sets itself; a definition's own value for them would be dropped by the client. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect", "upgrade");

    private final HttpClient https;
    private final HttpClient plain;
    private final TargetPolicy policy;
    private final Secrets secrets;
    private final Clock clock;
    private final int maxResponseBody;
    private final URI capture;

    /**
     * @param maxResponseBody how many characters of a response body are kept for the run log
     */
    public Sender(TargetPolicy policy, Secrets secrets, Clock clock, int maxResponseBody) {
        this(policy, secrets, clock, maxResponseBody, null);
    }

    /**
     * @param capture when not null, every request goes to this local receiver instead of its target (same path and
     *                query, the target named in {@value #CAPTURED_TARGET}): for demos and trials, where nothing may
     *                leave the machine
     */
    public Sender(TargetPolicy policy, Secrets secrets, Clock clock, int maxResponseBody, URI capture) {
        // Plain http stays on HTTP/1.1: an h2c upgrade offer stalls some servers. https negotiates HTTP/2 by ALPN.
        this.https = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        this.policy = policy;
        this.secrets = secrets;
        this.clock = clock;
        this.maxResponseBody = maxResponseBody;
        this.capture = capture;
    }

    /** The header naming a captured request's real target (secrets masked). */
    public static final String CAPTURED_TARGET = "X-Hookwright-Target";

    /**
     * @param signingSecrets names of the secrets to sign with (two while rotating)
     */
    public Attempt send(String messageId, RenderedRequest rendered, List<String> signingSecrets, Duration timeout) {
        long started = System.nanoTime();
        HttpRequest request;
        URI target;
        try {
            RenderedRequest resolved = rendered.resolve(secrets);
            if (capture != null) {
                resolved = captured(rendered, resolved);
            }
            target = policy.check(resolved.url());
            request = build(messageId, resolved, target, signingSecrets, timeout);
        } catch (TargetPolicy.RefusedTarget | RenderedRequest.MissingSecretException
                 | Signatures.InvalidSigningSecretException | IllegalArgumentException e) {
            return failed("not sent: " + e.getMessage(), started);
        }
        HttpClient client = target.getScheme().equalsIgnoreCase("https") ? https : plain;
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                    .flatMap(v -> RetryAfter.parse(v, clock.instant()));
            return new Attempt(new Response(response.statusCode(), headers, truncate(response.body())), null, took, retryAfter);
        } catch (HttpConnectTimeoutException e) {
            return failed("could not connect within " + millis(Duration.ofSeconds(10)), started);
        } catch (HttpTimeoutException e) {
            return failed("no response within the timeout of " + millis(timeout), started);
        } catch (IOException e) {
            return failed(describe(e), started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while sending", started);
        }
    }

    private RenderedRequest captured(RenderedRequest rendered, RenderedRequest resolved) {
        URI original = URI.create(resolved.url().strip());
        String path = original.getRawPath() == null || original.getRawPath().isEmpty() ? "/" : original.getRawPath();
        String url = capture.resolve(path + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery())).toString();
        List<RenderedRequest.Header> headers = new ArrayList<>(resolved.headers());
        headers.add(new RenderedRequest.Header(CAPTURED_TARGET, rendered.masked().url()));
        return new RenderedRequest(resolved.method(), url, headers, resolved.body());
    }

    private HttpRequest build(String messageId, RenderedRequest request, URI target, List<String> signingSecrets,
                              Duration timeout) {
        List<SigningSecret> signing = new ArrayList<>(signingSecrets.size());
        for (String name : signingSecrets) {
            signing.add(new SigningSecret(name, secrets.value(name).orElseThrow(
                    () -> new RenderedRequest.MissingSecretException(List.of(name)))));
        }
        String body = request.body();
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(timeout)
                .method(request.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (RenderedRequest.Header header : request.headers()) {
            if (!RESTRICTED.contains(header.name().toLowerCase())) {
                builder.header(header.name(), header.value());
            }
        }
        for (RenderedRequest.Header header : Signatures.headers(messageId, clock.instant(), body, signing)) {
            builder.header(header.name(), header.value());
        }
        return builder.build();
    }

    private String truncate(String body) {
        if (body == null || body.length() <= maxResponseBody) {
            return body;
        }
        return body.substring(0, maxResponseBody) + "… (" + (body.length() - maxResponseBody) + " more characters)";
    }

    private static Attempt failed(String error, long started) {
        return new Attempt(null, error, Duration.ofNanos(System.nanoTime() - started), Optional.empty());
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused" + (message == null ? "" : " (" + message + ")");
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
