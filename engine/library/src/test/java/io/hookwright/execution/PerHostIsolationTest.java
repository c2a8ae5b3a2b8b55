package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.delivery.DeliverySettings;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunQuery;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Async deliveries queue per target host: a host that does not answer fills its own lane and holds up nobody else's
 * messages, even those queued after a backlog of its own. {@code localhost} and {@code 127.0.0.1} are the same
 * receiver but two hosts, so two lanes.
 */
class PerHostIsolationTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final int STALLED_MESSAGES = 40;
    private static final int HEALTHY_MESSAGES = 20;

    @TempDir
    Path dir;
    private EngineFixture fixture;

    @AfterEach
    void stop() {
        // The stalled host answers at once from now on, so closing the engine does not wait out its lane.
        receiver.resetAll();
        fixture.close();
    }

    private static String webhook(String code, String event, String url, String timeout) {
        return """
                webhook('%s') {
                    on '%s'
                    request {
                        post '%s'
                        header 'Content-Type', 'application/json'
                        body '''{"project": "${entity.key}"}'''
                    }
                    execution {
                        synchronous false
                        transaction 'after-commit'
                        timeout '%s'
                    }
                }
                """.formatted(code, event, url, timeout);
    }

    private static Event event(String type, String id) {
        return Event.builder(type).id("evt-" + id).tenant("acme").initiator(new Initiator("u-1", "Anna Doe", "anna"))
                .entity(new Entity("Project", id, "KEY-" + id, Map.of())).build();
    }

    private long runs(Engine engine, String webhook, Set<Outcome> outcomes) {
        return engine.runs(new RunQuery(webhook, outcomes, null, 1_000)).size();
    }

    @Test
    void aTargetThatDoesNotAnswerHoldsUpNoOtherHostsMessages() throws InterruptedException {
        int port = receiver.getPort();
        fixture = new EngineFixture(dir, port,
                webhook("stalled_erp", "Project:Updated", "http://127.0.0.1:" + port + "/stalled", "1s")
                        + webhook("healthy_crm", "Project:Created", "RECEIVER/healthy", "5s"));
        receiver.stubFor(post(urlEqualTo("/stalled")).willReturn(aResponse().withStatus(200).withFixedDelay(2_500)));
        receiver.stubFor(post(urlEqualTo("/healthy")).willReturn(aResponse().withStatus(204)));
        Engine engine = fixture.engine(b -> b
                .targetPolicy(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + port),
                        TargetPolicy.Allowed.parse("127.0.0.1:" + port)), false))
                .delivery(DeliverySettings.builder().node("test").pollInterval(Duration.ofMillis(200))
                        .perHostConcurrency(2).perHostQueue(4).build()));

        for (int i = 1; i <= STALLED_MESSAGES; i++) {
            engine.publish(event("Project:Updated", "stalled-" + i));
        }
        for (int i = 1; i <= HEALTHY_MESSAGES; i++) {
            engine.publish(event("Project:Created", "healthy-" + i));
        }

        // Watch the run log until the last healthy message is logged, then see how far the stalled host got.
        Await.until(Duration.ofSeconds(60), () -> runs(engine, "healthy_crm", Set.of(Outcome.SUCCEEDED)) >= HEALTHY_MESSAGES,
                "the healthy host's messages all delivered");
        long stalledRuns = runs(engine, "stalled_erp", Set.of());

        assertEquals(HEALTHY_MESSAGES, receiver.findAll(postRequestedFor(urlEqualTo("/healthy"))).size());
        assertEquals(HEALTHY_MESSAGES, runs(engine, "healthy_crm", Set.of()), "each delivered at the first attempt");
        assertTrue(stalledRuns < STALLED_MESSAGES / 2,
                "the healthy host's messages waited behind the stalled host's: " + stalledRuns + " of its "
                        + STALLED_MESSAGES + " messages were attempted first");
        List<Run> stalled = engine.runs(new RunQuery("stalled_erp", Set.of(), null, 1_000));
        stalled.forEach(run -> assertEquals("no response within the timeout of 1000 ms", run.error()));
    }
}
