package io.hookwright.operations;

/** The engine's own events, {@code Hookwright:*}: what operators hear of a webhook's health. */
public enum OperationalKind {
    /** Deactivated, by an operator or by the engine (failures in a row, 410 Gone). */
    WEBHOOK_DEACTIVATED("WebhookDeactivated"),
    /** Reactivated by an operator. */
    WEBHOOK_ACTIVATED("WebhookActivated"),
    /** A message's last retry failed: it is given up. */
    ATTEMPTS_EXHAUSTED("AttemptsExhausted"),
    /** The first success after failures. */
    ENDPOINT_RECOVERED("EndpointRecovered"),
    /** Failures in a row crossed a share of the deactivation threshold. */
    FAILURES_RISING("FailuresRising");

    /** The entity part of every operational event type. */
    public static final String ENTITY = "Hookwright";

    private final String action;

    OperationalKind(String action) {
        this.action = action;
    }

    /** The event type, {@code Hookwright:WebhookDeactivated} say. */
    public String type() {
        return ENTITY + ":" + action;
    }

    /** Whether events of this type are the engine's own: their deliveries raise no operational events. */
    public static boolean isOperational(String eventType) {
        return eventType != null && eventType.startsWith(ENTITY + ":");
    }
}
