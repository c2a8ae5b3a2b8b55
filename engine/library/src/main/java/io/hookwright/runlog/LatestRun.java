package io.hookwright.runlog;

/**
 * The latest logged run of one message, without its request and response: where the message stands now.
 *
 * @param error the run's error in a few words; null when it succeeded
 */
public record LatestRun(String messageId, String runId, int attempt, Outcome outcome, String error) {
}
