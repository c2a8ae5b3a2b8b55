package io.hookwright.dsl.write;

/** What an edit of {@link WebhookBlocks} gave: the file's new text, or why it was not edited. */
public sealed interface Edit permits Edit.Edited, UnknownCode, DuplicateCode, Unparsable {
    /** The whole new text of the file. */
    record Edited(String text) implements Edit {
    }
}
