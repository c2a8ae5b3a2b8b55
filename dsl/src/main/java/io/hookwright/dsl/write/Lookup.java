package io.hookwright.dsl.write;

/** Where {@link WebhookBlocks#find} found a webhook's block in a file, or why it did not. */
public sealed interface Lookup permits Lookup.Found, UnknownCode, DuplicateCode, Unparsable {
    /**
     * The block: {@code source} is {@code text.substring(start, end)}, from the {@code w} of {@code webhook} to its
     * closing brace, exactly as written; {@code line} is where it starts (1-based).
     */
    record Found(String code, int start, int end, int line, String source) implements Lookup {
    }
}
