package io.hookwright.operations;

/**
 * One thing that happened to a webhook, for operators: the entity of a {@code Hookwright:*} event. Texts are as
 * the engine has them; {@link OperationalEvents} masks secrets before anything leaves.
 *
 * @param webhook   the webhook it happened to (the entity's id)
 * @param reason    what happened, in words
 * @param failures  failures in a row (for {@code AttemptsExhausted}: the attempts made)
 * @param lastError the latest failure; null when there was none
 * @param url       where the webhook sends, as its latest request had it; null when unknown
 * @param runId     the run that caused it; null for an operator's action
 * @param messageId that run's message
 * @param by        who: the operator's (or token's) name, or {@code engine}
 * @param percent   for {@code FailuresRising}: the share of the threshold crossed; else null
 * @param threshold for {@code FailuresRising}: the failures in a row that deactivate; else null
 * @param cause     what makes the event's id unique: the run id, or the time of an operator's action
 */
public record OperationalEvent(OperationalKind kind, String webhook, String reason, int failures, String lastError,
                               String url, String runId, String messageId, String by, Integer percent,
                               Integer threshold, String cause) {
    /** The {@code by} of what the engine decided itself. */
    public static final String ENGINE = "engine";

    /** The event's id: the same whenever the same cause is written again, so it is never queued twice. */
    public String eventId() {
        return "hookwright_" + kind.name().toLowerCase(java.util.Locale.ROOT) + "_" + webhook + "_" + cause;
    }
}
