package io.hookwright.delivery;

import io.hookwright.delivery.Signatures.SigningSecret;
import io.hookwright.render.RenderedRequest;
import io.hookwright.render.SecretRefs;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Sends one rendered request: checks the target and the request's shape with secrets masked, puts the secrets in,
 * adds the Standard Webhooks headers, connects to the address the check saw, and reports what came back with every
 * secret value masked. Never throws for what a target does; every failure is an {@link Attempt} with its reason.
 */
public final class Sender {
    /** Headers the engine sets itself; a definition's own value for them would be dropped by the client. */
    static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect", "upgrade");
    /** How long a connection may take to open. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long past a request's timeout the whole exchange (the body too) may go on: the client's own timeouts
     * come first and say what ran out; this ends a body that is still coming.
     */
    private static final Duration DEADLINE_GRACE = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(Sender.class.getName());
    private static volatile boolean warnedUnpinned;

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
        // Redirects are never followed: the place they point to was never vetted (a 3xx is the attempt's answer).
        this.https = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.policy = policy;
        this.secrets = secrets;
        this.clock = clock;
        this.maxResponseBody = maxResponseBody;
        this.capture = capture;
    }

    /** True when every request goes to the capturing receiver instead of its target. */
    public boolean captures() {
        return capture != null;
    }

    /** The header naming a captured request's real target (secrets masked as {@code ****}). */
    public static final String CAPTURED_TARGET = "X-Hookwright-Target";

    /**
     * @param signingSecrets names of the secrets to sign with (two while rotating)
     */
    public Attempt send(String messageId, RenderedRequest rendered, List<String> signingSecrets, Duration timeout) {
        return send(messageId, rendered, signingSecrets, timeout, clock.instant());
    }

    /**
     * {@link #send(String, RenderedRequest, List, Duration)} signed at {@code at}: the time its run records, so the
     * run's {@code webhook-timestamp} is known from the run ({@link SentHeaders}).
     */
    public Attempt send(String messageId, RenderedRequest rendered, List<String> signingSecrets, Duration timeout,
                        Instant at) {
        long started = System.nanoTime();
        try {
            return scrubbed(attempt(messageId, rendered, signingSecrets, timeout, started, at));
        } catch (RuntimeException e) {
            // A fault of the client's, not the target's: still a failed attempt, and its text may hold the URL.
            return scrubbed(failed("not sent: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), started));
        }
    }

    private Attempt attempt(String messageId, RenderedRequest rendered, List<String> signingSecrets, Duration timeout,
                            long started, Instant at) {
        HttpRequest request;
        TargetPolicy.Vetted target;
        try {
            RenderedRequest toSend = capture == null ? rendered : captured(rendered);
            target = policy.vet(toSend.url());
            PreparedRequest prepared = PreparedRequest.of(toSend, target, secrets);
            request = build(messageId, prepared, signingSecrets, timeout, at);
        } catch (TargetPolicy.RefusedTarget | RenderedRequest.MissingSecretException | PreparedRequest.NotSendable
                 | Signatures.InvalidSigningSecretException | IllegalArgumentException e) {
            return failed("not sent: " + e.getMessage(), started);
        }
        HttpClient client = target.uri().getScheme().equalsIgnoreCase("https") ? https : plain;
        try (PinnedAddresses.Held pin = pin(target)) {
            HttpResponse<LimitedBody> response = await(client.sendAsync(request, LimitedBody.handler(bodyLimit())),
                    timeout.plus(DEADLINE_GRACE));
            String body = keptBody(response.body());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                    .flatMap(v -> RetryAfter.parse(v, clock.instant()));
            return new Attempt(new Response(response.statusCode(), headers, body), null, took, retryAfter);
        } catch (HttpConnectTimeoutException e) {
            return failed("could not connect within " + millis(CONNECT_TIMEOUT), started);
        } catch (HttpTimeoutException | TimeoutException e) {
            return failed("no response within the timeout of " + millis(timeout), started);
        } catch (IOException e) {
            return failed(describe(e), started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while sending", started);
        }
    }

    /** Holds the vetted addresses of a named host for the connection; an address written out needs no pin. */
    private static PinnedAddresses.Held pin(TargetPolicy.Vetted target) {
        if (!target.named()) {
            return () -> { };
        }
        PinnedAddresses.Held pin = PinnedAddresses.pin(target.host(), target.addresses());
        return () -> {
            pin.close();
            // The JDK loads its resolver at the first look-up, so by now it is known whether it is this one.
            if (!PinningResolverProvider.active() && !warnedUnpinned) {
                warnedUnpinned = true;
                LOG.warning("another InetAddressResolverProvider answers this JVM's look-ups (or jdk.net.hosts.file "
                        + "is set), so a connection looks its host up again instead of going to the address the "
                        + "target check saw");
            }
        };
    }

    /**
     * What is kept of an attempt, with every secret value masked: a receiver may echo the Authorization header in
     * its body, or answer with a Location holding the URL, and the client's exception texts may hold the URL.
     */
    private Attempt scrubbed(Attempt attempt) {
        Response response = attempt.response();
        Response kept = null;
        if (response != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().forEach((name, value) -> headers.put(secrets.scrub(name), secrets.scrub(value)));
            kept = new Response(response.status(), headers, secrets.scrub(response.body()));
        }
        return new Attempt(kept, secrets.scrub(attempt.error()), attempt.duration(), attempt.retryAfter());
    }

    /** Sent to the capturing receiver instead: same path and query, the target named (masked) in a header. */
    private RenderedRequest captured(RenderedRequest rendered) {
        URI original;
        try {
            original = new URI(rendered.url());
        } catch (java.net.URISyntaxException e) {
            throw new TargetPolicy.RefusedTarget("'" + rendered.masked().url() + "' is not a URL: " + e.getReason());
        }
        String path = original.getRawPath() == null || original.getRawPath().isEmpty() ? "/" : original.getRawPath();
        String url = capture.resolve(path + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery())).toString();
        List<RenderedRequest.Header> headers = new ArrayList<>(rendered.headers());
        // Masked in ASCII: a header value cannot carry the bullets of SecretRefs.MASK.
        headers.add(new RenderedRequest.Header(CAPTURED_TARGET, SecretRefs.replace(rendered.url(), name -> "****")));
        return new RenderedRequest(rendered.method(), url, headers, rendered.body());
    }

    private HttpRequest build(String messageId, PreparedRequest request, List<String> signingSecrets,
                              Duration timeout, Instant at) {
        List<SigningSecret> signing = new ArrayList<>(signingSecrets.size());
        for (String name : signingSecrets) {
            signing.add(new SigningSecret(name, secrets.value(name).orElseThrow(
                    () -> new RenderedRequest.MissingSecretException(List.of(name)))));
        }
        String body = request.body();
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout)
                .method(request.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean ownAgent = false;
        for (RenderedRequest.Header header : request.headers()) {
            if (!RESTRICTED.contains(header.name().toLowerCase())) {
                builder.header(header.name(), header.value());
                ownAgent |= header.name().equalsIgnoreCase(UserAgent.HEADER);
            }
        }
        if (!ownAgent) {
            builder.header(UserAgent.HEADER, UserAgent.VALUE);
        }
        for (RenderedRequest.Header header : Signatures.headers(messageId, at, body, signing)) {
            builder.header(header.name(), header.value());
        }
        return builder.build();
    }

    /**
     * How much of a response body is read: what the run log keeps, plus the longest masked form of a secret, so
     * that a value standing across the cut is still whole when it is masked (no end of a value is left). In bytes,
     * four to a character at most.
     */
    private int bodyLimit() {
        return 4 * (maxResponseBody + secrets.longestMasked()) + 4;
    }

    /** The start of a response body, for the run log, with secret values masked. */
    private String keptBody(LimitedBody read) {
        if (read.bytes().length == 0 && !read.more()) {
            return "";
        }
        String body = secrets.scrub(new String(read.bytes(), StandardCharsets.UTF_8));
        if (body.length() <= maxResponseBody && !read.more()) {
            return body;
        }
        String kept = body.substring(0, Math.min(maxResponseBody, body.length()));
        return kept + (read.more() ? "… (more not read)" : "… (" + (body.length() - maxResponseBody) + " more characters)");
    }

    private static Attempt failed(String error, long started) {
        return new Attempt(null, error, Duration.ofNanos(System.nanoTime() - started), Optional.empty());
    }

    /**
     * The response, body and all, within {@code deadline}. The request's own timeout ends only the wait for the
     * response's headers; a receiver that then sends its body a byte at a time would hold the send (and its host's
     * lane) for ever, so the whole exchange is given up at the deadline.
     */
    private static <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> exchange, Duration deadline)
            throws IOException, InterruptedException, TimeoutException {
        try {
            return exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } catch (TimeoutException | InterruptedException e) {
            exchange.cancel(true);
            throw e;
        }
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
