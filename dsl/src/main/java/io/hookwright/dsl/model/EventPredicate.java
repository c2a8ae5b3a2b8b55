package io.hookwright.dsl.model;

import java.util.Map;

/**
 * A {@code where} closure as the engine sees it: a test over the event's view
 * ({@code type, tenant, attributes, before, changes, entity, parent, initiator, event}).
 */
@FunctionalInterface
public interface EventPredicate {
    /**
     * @throws PredicateFailure when the closure throws or runs past its time limit
     */
    boolean test(Map<String, Object> event);

    /** A {@code where} closure that could not give an answer; the message says why. */
    final class PredicateFailure extends RuntimeException {
        public PredicateFailure(String message) {
            super(message, null, false, false);
        }
    }
}
