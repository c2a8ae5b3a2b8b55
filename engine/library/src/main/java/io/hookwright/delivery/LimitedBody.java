package io.hookwright.delivery;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The start of a response body, read no further than a limit: a receiver's endless body cannot fill the engine's
 * memory. Past the limit the rest is not read (the connection is given up).
 *
 * @param more whether the body went on past what was kept
 */
record LimitedBody(byte[] bytes, boolean more) {
    static HttpResponse.BodyHandler<LimitedBody> handler(int limit) {
        return info -> new Reader(limit);
    }

    private static final class Reader implements HttpResponse.BodySubscriber<LimitedBody> {
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<LimitedBody> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Reader(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<LimitedBody> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int room = limit - kept.size();
                int take = Math.min(room, buffer.remaining());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                kept.write(chunk, 0, take);
                if (buffer.hasRemaining()) {
                    subscription.cancel();
                    result.complete(new LimitedBody(kept.toByteArray(), true));
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(new LimitedBody(kept.toByteArray(), false));
        }
    }
}
