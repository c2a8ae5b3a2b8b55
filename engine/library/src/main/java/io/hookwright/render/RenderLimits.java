package io.hookwright.render;

import java.time.Duration;

/**
 * What one webhook's request may cost to render: templates come from definitions and insert event data, and the
 * host's own thread renders synchronous webhooks, so neither may stall or exhaust the engine.
 *
 * @param time       how long rendering a request (URL, headers and body) may take
 * @param allocation how many bytes the rendering thread may allocate meanwhile
 * @param bodyBytes  how large a rendered body may be, in UTF-8 bytes
 * @param lineChars  how long a rendered URL or header value may be, in characters
 */
record RenderLimits(Duration time, long allocation, long bodyBytes, long lineChars) {
    /** A request renders in well under a millisecond; two seconds leave room for a loaded machine. */
    static final Duration TIME = Duration.ofSeconds(2);
    /** Rendering a 1 MiB body from a large event allocates a few MiB; more means a template is growing text. */
    static final long ALLOCATION = 64L << 20;
    /** The same as the largest event the engine accepts: 1 MiB. */
    static final long BODY_BYTES = 1L << 20;
    /** URLs and header values longer than 8 KiB are refused by most servers anyway. */
    static final long LINE_CHARS = 8L << 10;

    static final RenderLimits DEFAULT = new RenderLimits(TIME, ALLOCATION, BODY_BYTES, LINE_CHARS);
}
