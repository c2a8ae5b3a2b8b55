package io.hookwright.delivery;

import io.hookwright.render.RenderedRequest;
import io.hookwright.render.SecretRefs;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The headers a logged run's request went out with, secrets masked: its definition's headers, then those the engine
 * adds ({@code User-Agent} unless the definition set one, {@code webhook-id}, {@code webhook-timestamp} and, when it
 * was signed, {@code webhook-signature} with each signature masked). The engine's are known from the run: the
 * message id, the run's time (what the request was signed at) and the names of the secrets it was signed with.
 */
public final class SentHeaders {
    /** How a signature is shown: its scheme, never the signature, which a replay could reuse within its window. */
    static final String MASKED_SIGNATURE = "v1," + SecretRefs.MASK;

    private SentHeaders() {
    }

    /** The headers as sent; empty when the run's request was never sent (skipped, refused, not rendered). */
    public static List<RenderedRequest.Header> of(Run run) {
        if (!sent(run)) {
            return List.of();
        }
        List<RenderedRequest.Header> headers = new ArrayList<>();
        boolean ownAgent = false;
        for (RenderedRequest.Header header : run.request().masked().headers()) {
            if (!Sender.RESTRICTED.contains(header.name().toLowerCase(Locale.ROOT))) {
                headers.add(header);
                ownAgent |= header.name().equalsIgnoreCase(UserAgent.HEADER);
            }
        }
        if (!ownAgent) {
            headers.add(new RenderedRequest.Header(UserAgent.HEADER, UserAgent.VALUE));
        }
        headers.add(new RenderedRequest.Header(Signatures.ID, run.messageId()));
        headers.add(new RenderedRequest.Header(Signatures.TIMESTAMP, Long.toString(run.createdAt().getEpochSecond())));
        if (!run.signingSecrets().isEmpty()) {
            headers.add(new RenderedRequest.Header(Signatures.SIGNATURE,
                    String.join(" ", Collections.nCopies(run.signingSecrets().size(), MASKED_SIGNATURE))));
        }
        return headers;
    }

    /** Whether the request left: a response came, or it failed on the way rather than before it ("not sent: …"). */
    private static boolean sent(Run run) {
        if (run.request().url().isEmpty() || run.outcome() == Outcome.SKIPPED) {
            return false;
        }
        return run.response() != null || run.error() == null || !run.error().startsWith("not sent");
    }
}
