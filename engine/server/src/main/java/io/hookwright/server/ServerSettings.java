package io.hookwright.server;

import io.hookwright.authoring.AuthoringMode;
import io.hookwright.render.Secrets;
import io.hookwright.server.auth.PageOrigin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How to serve: where to listen, where definitions and the workspace are, and the server's limits. Built by name,
 * every setting but the definitions folder defaulted:
 * {@code ServerSettings.builder().definitionsFolder(Path.of("webhooks")).port(0).build()}.
 *
 * @param host           the address to listen on
 * @param port           0 picks a free port
 * @param workspace      the workspace file or folder test sends and dry-runs build their events from
 * @param maxBodyBytes   the largest request body accepted (413 beyond)
 * @param transactionTtl how long an HTTP transaction may stay open before it is rolled back
 * @param pageOrigin     the web page's origin: each request's, or the public URL a proxy serves it at
 * @param authoring      whether webhooks written over REST are committed to the definitions' work tree
 * @param tls            serve https with this identity ({@link TlsFiles}); null serves plain http
 * @param push           the git remote each such commit is pushed to, or null for none
 */
public record ServerSettings(String host, int port, Path definitionsFolder, Path workspace, Secrets secrets, Clock clock,
                             long maxBodyBytes, Duration transactionTtl, PageOrigin pageOrigin,
                             AuthoringMode authoring, javax.net.ssl.SSLContext tls, String push) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_TRANSACTION_TTL = Duration.ofSeconds(60);

    /** @throws IllegalArgumentException naming the setting that is missing or out of range */
    public ServerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("server setting host: an address to listen on is needed");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("server setting port: must be 0 to 65535, not " + port);
        }
        required("definitionsFolder", definitionsFolder);
        required("workspace", workspace);
        required("secrets", secrets);
        required("clock", clock);
        required("pageOrigin", pageOrigin);
        required("authoring", authoring);
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("server setting maxBodyBytes: must be at least 1, not " + maxBodyBytes);
        }
        if (transactionTtl == null || transactionTtl.isNegative() || transactionTtl.isZero()) {
            throw new IllegalArgumentException("server setting transactionTtl: must be above 0, not " + transactionTtl);
        }
    }

    /** Plain http. */
    public ServerSettings(String host, int port, Path definitionsFolder, Path workspace, Secrets secrets, Clock clock,
                          long maxBodyBytes, Duration transactionTtl, PageOrigin pageOrigin, AuthoringMode authoring) {
        this(host, port, definitionsFolder, workspace, secrets, clock, maxBodyBytes, transactionTtl, pageOrigin,
                authoring, null, null);
    }

    /** A builder with every setting at its default; the definitions folder must be given. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder().host(host).port(port).definitionsFolder(definitionsFolder).workspace(workspace)
                .secrets(secrets).clock(clock).maxBodyBytes(maxBodyBytes).transactionTtl(transactionTtl)
                .pageOrigin(pageOrigin).authoring(authoring).tls(tls).push(push);
    }

    private static void required(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("server setting " + name + ": is required");
        }
    }

    /** Builds {@link ServerSettings}; {@link #build()} checks them. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path definitionsFolder;
        private Path workspace;
        private Secrets secrets = Secrets.none();
        private Clock clock = Clock.systemUTC();
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration transactionTtl = DEFAULT_TRANSACTION_TTL;
        private PageOrigin pageOrigin = PageOrigin.OF_REQUEST;
        private AuthoringMode authoring = AuthoringMode.DIRECT;
        private javax.net.ssl.SSLContext tls;
        private String push;

        private Builder() {
        }

        /** The address to listen on (default: 127.0.0.1). */
        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** The port to listen on (default: 8080; 0 picks a free one). */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The folder of webhook definitions (required). */
        public Builder definitionsFolder(Path value) {
            this.definitionsFolder = value;
            return this;
        }

        /** The workspace (default: {@code workspace} beside the definitions folder). */
        public Builder workspace(Path value) {
            this.workspace = value;
            return this;
        }

        /** The secrets templates may use (default: none). */
        public Builder secrets(Secrets value) {
            this.secrets = value;
            return this;
        }

        /** The clock (default: the system's, UTC). */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** The largest request body accepted (default: 1 MiB). */
        public Builder maxBodyBytes(long value) {
            this.maxBodyBytes = value;
            return this;
        }

        /** How long an HTTP transaction may stay open (default: 60 s). */
        public Builder transactionTtl(Duration value) {
            this.transactionTtl = value;
            return this;
        }

        /** The web page's origin (default: each request's). */
        public Builder pageOrigin(PageOrigin value) {
            this.pageOrigin = value;
            return this;
        }

        /** Whether webhooks written over REST are committed (default: direct). */
        public Builder authoring(AuthoringMode value) {
            this.authoring = value;
            return this;
        }

        /** Serves https with this identity ({@link TlsFiles#load}); null (the default) serves plain http. */
        public Builder tls(javax.net.ssl.SSLContext value) {
            this.tls = value;
            return this;
        }

        /** The git remote (a name or a URL) each webhook written over REST is pushed to (default: none). */
        public Builder push(String value) {
            this.push = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is missing or out of range */
        public ServerSettings build() {
            Path space = workspace != null || definitionsFolder == null ? workspace
                    : definitionsFolder.toAbsolutePath().resolveSibling("workspace");
            return new ServerSettings(host, port, definitionsFolder, space, secrets, clock, maxBodyBytes, transactionTtl,
                    pageOrigin, authoring, tls, push);
        }
    }
}
