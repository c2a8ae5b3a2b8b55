package io.hookwright.state;

import java.util.List;
import java.util.Optional;

/**
 * What recording a webhook's results did to its count of failures in a row, result by result: what the engine tells
 * operators of (a first success after failures, failures nearing the threshold, a deactivation) is read from it.
 *
 * @param before            failures in a row before the first result
 * @param lastFailureBefore the latest failure before the first result; null when none was recorded
 * @param after             failures in a row after each result, in the order given
 * @param deactivated       the state after, when these results deactivated the webhook
 * @param deactivatedBy     the index of the result that deactivated it; -1 when none did
 */
public record Tally(int before, String lastFailureBefore, List<Integer> after, Optional<WebhookState> deactivated,
                    int deactivatedBy) {
    public Tally {
        after = List.copyOf(after);
    }

    /** Failures in a row just before result {@code index}. */
    public int before(int index) {
        return index == 0 ? before : after.get(index - 1);
    }
}
