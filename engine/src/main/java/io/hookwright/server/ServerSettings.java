package io.hookwright.server;

import io.hookwright.render.Secrets;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How to serve: where to listen, where definitions and the workspace are, and the server's limits.
 *
 * @param port           0 picks a free port
 * @param maxBodyBytes   the largest request body accepted (413 beyond)
 * @param transactionTtl how long an HTTP transaction may stay open before it is rolled back
 */
public record ServerSettings(String host, int port, Path definitionsFolder, Path workspace, Secrets secrets, Clock clock,
                             long maxBodyBytes, Duration transactionTtl) {
}
