package io.hookwright.operations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * When failures in a row are worth a warning before they deactivate the webhook: at shares of the threshold, 50, 70
 * and 90 % by default (as Outpost alerts). Each share is a count of failures (rounded up); shares that round to the
 * same count warn once, and one that reaches the threshold is left to the deactivation.
 */
public final class FailureWarnings {
    public static final List<Integer> DEFAULT_PERCENTS = List.of(50, 70, 90);

    private final int threshold;
    private final Map<Integer, Integer> percentAt;

    /**
     * @param percents shares of {@code threshold}, each 1 to 99; empty for no warnings
     */
    public FailureWarnings(int threshold, List<Integer> percents) {
        this.threshold = threshold;
        Map<Integer, Integer> at = new TreeMap<>();
        for (int percent : percents) {
            if (percent < 1 || percent > 99) {
                throw new IllegalArgumentException("a failures-rising share must be a percentage from 1 to 99, not "
                        + percent);
            }
            int failures = (threshold * percent + 99) / 100;
            if (failures < threshold) {
                at.putIfAbsent(failures, percent);
            }
        }
        this.percentAt = Map.copyOf(at);
    }

    public int threshold() {
        return threshold;
    }

    /** The share crossed when failures in a row reach {@code failures}; empty when none is. */
    public Optional<Integer> percentAt(int failures) {
        return Optional.ofNullable(percentAt.get(failures));
    }
}
