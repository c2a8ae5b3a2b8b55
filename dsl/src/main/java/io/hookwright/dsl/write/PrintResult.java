package io.hookwright.dsl.write;

import io.hookwright.dsl.model.SourcePosition;

/** What {@link WebhookPrinter#print} gave: the Groovy of a webhook's block, or why it has none. */
public sealed interface PrintResult permits PrintResult.Printed, PrintResult.NotPrintable {
    /** The block {@code webhook('code') { … }}, each line ending with {@code \n}. */
    record Printed(String groovy) implements PrintResult {
    }

    /**
     * The definition holds something no printed block can say; {@code where} is where it was written and
     * {@code message} says it in words, e.g. "uses a where closure (line 12), which only its file can express".
     */
    record NotPrintable(Reason reason, SourcePosition where, String message) implements PrintResult {
    }

    enum Reason {
        /** A {@code where { e -> … }} criterion: code, kept only by the file that has it. */
        WHERE_CLOSURE,
        /** A value with no literal in a definition (not a text, number, boolean or null; a duration finer than 1 ms). */
        UNWRITABLE_VALUE
    }
}
