package io.hookwright.dsl.load;

import groovy.lang.Closure;

/** Runs a DSL block's closure against its context object. */
final class Blocks {
    private Blocks() {
    }

    static void run(Closure<?> body, Object context) {
        // Delegate only: a word the block does not know must not fall through to the script.
        Closure<?> copy = (Closure<?>) body.clone();
        copy.setResolveStrategy(Closure.DELEGATE_ONLY);
        copy.setDelegate(context);
        copy.call();
    }
}
