package io.hookwright.cluster;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receiver's behaviour on top of its stub: the first request for each message id in {@code failFirst} is
 * answered 500 (so that message is tried again, maybe by another node); every request's message id, arrival time
 * and status are kept.
 */
final class FlakyTarget implements ResponseDefinitionTransformerV2 {
    /** One request as it arrived: its {@code webhook-id}, when (epoch ms, before the stub's delay), its answer. */
    record Arrival(String messageId, long atMillis, int status) {
        boolean succeeded() {
            return status / 100 == 2;
        }
    }

    private final Set<String> failFirst;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger succeeded = new AtomicInteger();

    FlakyTarget(Set<String> failFirst) {
        this.failFirst = Set.copyOf(failFirst);
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        long at = System.currentTimeMillis();
        String messageId = event.getRequest().getHeader("webhook-id");
        ResponseDefinition answer = event.getResponseDefinition();
        if (seen.add(messageId) && failFirst.contains(messageId)) {
            answer = ResponseDefinitionBuilder.like(answer).but().withStatus(500).build();
        }
        Arrival arrival = new Arrival(messageId, at, answer.getStatus());
        arrivals.add(arrival);
        if (arrival.succeeded()) {
            succeeded.incrementAndGet();
        }
        return answer;
    }

    /** Requests answered 2xx so far. */
    int succeeded() {
        return succeeded.get();
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    @Override
    public String getName() {
        return "flaky-target";
    }
}
