package io.hookwright.server;

import io.hookwright.render.Secrets;
import io.hookwright.server.auth.PageOrigin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How to serve: where to listen, where definitions and the workspace are, and the server's limits.
 *
 * @param port           0 picks a free port
 * @param maxBodyBytes   the largest request body accepted (413 beyond)
 * @param transactionTtl how long an HTTP transaction may stay open before it is rolled back
 * @param pageOrigin     the web page's origin: each request's, or the public URL a proxy serves it at
 */
public record ServerSettings(String host, int port, Path definitionsFolder, Path workspace, Secrets secrets, Clock clock,
                             long maxBodyBytes, Duration transactionTtl, PageOrigin pageOrigin) {
    /** Served directly: the page's origin is each request's. */
    public ServerSettings(String host, int port, Path definitionsFolder, Path workspace, Secrets secrets, Clock clock,
                          long maxBodyBytes, Duration transactionTtl) {
        this(host, port, definitionsFolder, workspace, secrets, clock, maxBodyBytes, transactionTtl,
                PageOrigin.OF_REQUEST);
    }
}
