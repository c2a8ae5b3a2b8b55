package io.hookwright.match;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.EventFormatException;
import io.hookwright.event.Initiator;
import io.hookwright.execution.Engine;
import io.hookwright.execution.EngineFixture;
import io.hookwright.execution.Fired;
import io.hookwright.execution.Published;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine publishing events whose data would stall a backtracking regex or expand into a billion digits: publish
 * returns promptly on the caller's thread, the webhook whose regex was stopped does not fire, every other webhook
 * does, and the engine goes on serving the next events.
 */
class HostileEventDataEngineTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Each publish here takes milliseconds; without the limits the first one does not return for hours. */
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private Engine engine;

    @BeforeEach
    void start() {
        fixture = new EngineFixture(dir, receiver.getPort(), webhook("regex", "field('Name').matches '^((a+)+)\\\\2b'")
                + webhook("not_regex", "not { field('Name').matches '(a+)+c' }")
                + webhook("budget", "field('Budget') > 10_000")
                + webhook("everyone", "field('Name').present()"));
        engine = fixture.engine();
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static String webhook(String code, String filter) {
        return """
                webhook('%s') {
                    on 'Project:Updated'
                    filter { %s }
                    request { post 'RECEIVER/%s' }
                    execution { synchronous true; transaction 'after-commit' }
                }
                """.formatted(code, filter, code);
    }

    private static Event event(String id, Object name, Object budget) {
        return Event.builder("Project:Updated").id(id).tenant("acme").initiator(new Initiator("u-1", "Anna Doe", "anna"))
                .entity(new Entity("Project", "p-" + id, "KEY-" + id, Map.of("Name", name, "Budget", budget))).build();
    }

    private List<String> publish(Event event) {
        Published published = assertTimeoutPreemptively(PROMPTLY, () -> engine.publish(event));
        return published.fired().stream().map(Fired::webhook).toList();
    }

    private static int received(String code) {
        return receiver.findAll(postRequestedFor(urlEqualTo("/" + code))).size();
    }

    @Test
    void aStoppedRegexLeavesItsWebhookOutAndTheOthersFire() {
        assertEquals(List.of("budget", "everyone"), publish(event("1", "a".repeat(30_000), new BigDecimal("1e1000"))));
        assertEquals(List.of("everyone"), publish(event("2", "a".repeat(30_000) + "!", new BigDecimal("-1e1000"))));
        EventFormatException refused = assertThrows(EventFormatException.class,
                () -> engine.publish(event("3", "x".repeat(480_000), 20_000)));
        assertTrue(refused.getMessage().startsWith("entity.attributes.Name: is text of 480000 characters"),
                refused.getMessage());
        assertThrows(EventFormatException.class, () -> engine.publish(event("5", "aab", new BigDecimal("1e999999999"))),
                "a number that would expand into a billion digits is refused on the way in");
        assertEquals(List.of("regex", "not_regex", "budget", "everyone"), publish(event("4", "aab!", 20_000)),
                "ordinary names still match");
        assertEquals(1, received("regex"));
        assertEquals(1, received("not_regex"));
        assertEquals(2, received("budget"));
        assertEquals(3, received("everyone"));
    }

    @Test
    void manyHostileEventsInARowDoNotWearTheEngineDown() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 30; i++) {
                engine.publish(event("h" + i, "a".repeat(20_000 + i), new BigDecimal("1e-1000")));
            }
        });
        assertEquals(30, received("everyone"));
        assertEquals(0, received("regex") + received("not_regex") + received("budget"));
        assertEquals(List.of("regex", "not_regex", "budget", "everyone"), publish(event("after", "aab!", 20_000)));
    }
}
