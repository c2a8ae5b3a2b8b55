package io.hookwright.server;

import io.hookwright.execution.Engine;
import io.hookwright.render.Secrets;

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
 */
public record ServerContext(Engine engine, Path definitionsFolder, Path workspace, Secrets secrets, Clock clock,
                            long maxBodyBytes, Duration transactionTtl) {
}
