package io.hookwright.render;

import java.io.IOException;
import java.io.Writer;

/**
 * Collects a template's output up to a size limit, refusing a write that would pass it before copying it. Once over,
 * it stays over, so a template that catches the error ({@code <#attempt>}) cannot write on.
 */
final class LimitedWriter extends Writer {
    /** The output passed the limit. */
    static final class OverLimit extends IOException {
        OverLimit() {
            super("output over its limit", null);
        }
    }

    private final StringBuilder text = new StringBuilder();
    private final long limit;
    private final boolean utf8;
    private long size;
    private boolean over;

    /** @param utf8 whether the limit counts UTF-8 bytes (a body) or characters (a URL or header) */
    LimitedWriter(long limit, boolean utf8) {
        this.limit = limit;
        this.utf8 = utf8;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        reserve(length, java.nio.CharBuffer.wrap(chars, offset, length));
        text.append(chars, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) throws IOException {
        reserve(length, java.nio.CharBuffer.wrap(string, offset, offset + length));
        text.append(string, offset, offset + length);
    }

    @Override
    public void write(int c) throws IOException {
        write(new char[]{(char) c}, 0, 1);
    }

    /** A chunk is at least as many bytes as characters, so a huge one is refused before it is measured. */
    private void reserve(int length, CharSequence chunk) throws OverLimit {
        if (!over && size + length <= limit) {
            long bytes = size(chunk);
            if (size + bytes <= limit) {
                size += bytes;
                return;
            }
        }
        over = true;
        throw new OverLimit();
    }

    boolean over() {
        return over;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    private long size(CharSequence chunk) {
        if (!utf8) {
            return chunk.length();
        }
        long bytes = 0;
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            // A surrogate pair is 4 bytes: 2 for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
