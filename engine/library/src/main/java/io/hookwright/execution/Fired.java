package io.hookwright.execution;

/**
 * What became of one matching webhook for one published event.
 *
 * @param status    {@code queued} (async), {@code after-commit} (sync, waiting for the commit), {@code rolled-back}
 *                  (it was waiting for a commit that did not come), {@code not-sent} (a veto came first), or the
 *                  outcome of its run: {@code succeeded}, {@code failed}, {@code vetoed}, {@code skipped}
 * @param runId     the run that recorded it; null while queued or waiting
 * @param detail    the response or error in a few words; null when it succeeded or is waiting
 */
public record Fired(String webhook, String mode, String messageId, String status, String runId, String detail) {
}
