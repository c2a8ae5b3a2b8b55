package io.hookwright.state;

import io.hookwright.store.StoreTransaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Consecutive failures, automatic deactivation, and the operator's activate/deactivate. */
public interface WebhookStateStore {
    /** The state of every webhook that has one; a webhook missing here is active with no failures. */
    Map<String, WebhookState> all();

    WebhookState get(String code);

    /** {@link #get(String)} in {@code tx}. */
    WebhookState get(StoreTransaction tx, String code);

    /**
     * {@link #get(StoreTransaction, String)} for a change to follow in {@code tx}: the row is locked until it ends, so
     * what was read is what is changed.
     */
    WebhookState forChange(StoreTransaction tx, String code, Instant now);

    /** A delivery succeeded: the failure count starts again. */
    void succeeded(String code, Instant now);

    /** {@link #succeeded(String, Instant)} in {@code tx}. */
    void succeeded(StoreTransaction tx, String code, Instant now);

    /**
     * A delivery failed. When this makes {@code threshold} failures in a row, the webhook is deactivated with a reason
     * naming the count and the last failure. Returns the state after.
     */
    WebhookState failed(String code, Instant now, String failure, int threshold);

    /** {@link #failed(String, Instant, String, int)} in {@code tx}. */
    WebhookState failed(StoreTransaction tx, String code, Instant now, String failure, int threshold);

    /**
     * Records {@code results} for {@code code} in the order they happened, as {@link #succeeded} and {@link #failed}
     * called for each would, in one read and one write of its row: a batch of settlements holds dozens of a busy
     * webhook's results, and while one transaction works on that row every other node's settlements wait for it.
     * Results that are all successes only reset the count, as {@link #succeeded} does. Returns the state if these
     * results deactivated the webhook.
     */
    Optional<WebhookState> recorded(StoreTransaction tx, String code, Instant now, List<Result> results, int threshold);

    /** {@link #recorded}, telling what each result did to the count of failures in a row. */
    Tally tallied(StoreTransaction tx, String code, Instant now, List<Result> results, int threshold);

    /** Deactivates at once, e.g. on 410 Gone or by an operator. */
    default WebhookState deactivate(String code, Instant now, String reason) {
        return deactivate(code, now, reason, null);
    }

    /** {@link #deactivate(String, Instant, String)} by an operator ({@code by}, null for the engine), on its trail. */
    WebhookState deactivate(String code, Instant now, String reason, String by);

    /** {@link #deactivate(String, Instant, String)} in {@code tx}, by the engine. */
    default WebhookState deactivate(StoreTransaction tx, String code, Instant now, String reason) {
        return deactivate(tx, code, now, reason, null);
    }

    /** {@link #deactivate(String, Instant, String, String)} in {@code tx}. */
    WebhookState deactivate(StoreTransaction tx, String code, Instant now, String reason, String by);

    /** Reactivates; the failure count starts again. */
    default WebhookState activate(String code, Instant now) {
        return activate(code, now, null);
    }

    /** {@link #activate(String, Instant)} by an operator ({@code by}), on its trail. */
    WebhookState activate(String code, Instant now, String by);

    /** {@link #activate(String, Instant, String)} in {@code tx}. */
    WebhookState activate(StoreTransaction tx, String code, Instant now, String by);

    /** The webhook's deactivations and activations, newest first, at most {@code limit}. */
    List<StateChange> trail(String code, int limit);
}
