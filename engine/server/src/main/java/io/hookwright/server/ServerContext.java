package io.hookwright.server;

import io.hookwright.execution.Engine;
import io.hookwright.render.Secrets;
import io.hookwright.server.auth.PageOrigin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What the endpoints work with: the engine, where definitions and the workspace are, and the server's limits.
 *
 * @param definitionsFolder the folder {@code POST /admin/reload} compiles
 * @param workspace         the workspace test sends and dry-runs pick entities from
 * @param maxBodyBytes      the largest request body accepted (413 beyond)
 * @param transactionTtl    how long an HTTP transaction may stay open before it is rolled back
 * @param pageOrigin        the web page's origin, which its forms must come from, and whether its cookies are Secure
 */
public record ServerContext(Engine engine, Path definitionsFolder, Path workspace, Secrets secrets, Clock clock,
                            long maxBodyBytes, Duration transactionTtl, PageOrigin pageOrigin) {
    /** Served directly: the page's origin is each request's. */
    public ServerContext(Engine engine, Path definitionsFolder, Path workspace, Secrets secrets, Clock clock,
                         long maxBodyBytes, Duration transactionTtl) {
        this(engine, definitionsFolder, workspace, secrets, clock, maxBodyBytes, transactionTtl, PageOrigin.OF_REQUEST);
    }
}
