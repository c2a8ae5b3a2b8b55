package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.EventFormatException;
import io.hookwright.event.EntityRef;
import io.hookwright.event.Initiator;
import io.hookwright.workspace.Workspace;
import io.hookwright.workspace.WorkspaceEvents;
import io.hookwright.workspace.WorkspaceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits on event data hold for events a host publishes through the Java API and for workspace files, not only
 * for REST: the same clear error naming the field, and nothing sent.
 */
class EventLimitsJavaApiTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private Engine engine;

    @BeforeEach
    void start() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        fixture = new EngineFixture(dir, receiver.getPort(), EngineFixture.webhook("erp", "/erp",
                "synchronous true\ntransaction 'after-commit'"));
        engine = fixture.engine();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static Event with(Map<String, Object> attributes) {
        return Event.builder("Project:Updated").id("evt-1").tenant("acme").initiator(new Initiator("u-1", "Anna", "anna"))
                .entity(new Entity("Project", "p-1", "DEMO", attributes)).build();
    }

    private void refusedEverywhere(Event event, String field, String says) throws Exception {
        for (Executable publish : List.<Executable>of(() -> engine.publish(event), () -> {
            OwnTransaction tx = engine.begin();
            tx.publish(event);
            tx.commit();
        }, () -> {
            try (Connection connection = fixture.connect(); EngineTransaction tx = engine.begin(connection)) {
                tx.publish(event);
                tx.commit();
            }
        })) {
            EventFormatException e = assertThrows(EventFormatException.class, publish);
            assertEquals(field, e.field(), e.getMessage());
            assertTrue(e.getMessage().contains(says), e.getMessage());
            assertTrue(e.getMessage().length() < 300, "the message does not echo what was too long");
        }
        assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size(), "nothing sent");
    }

    @Test
    void absurdNumbersFromTheJavaApiAreRefused() throws Exception {
        refusedEverywhere(with(Map.of("Budget", new BigDecimal("1e999999999"))), "entity.attributes.Budget", "exponent");
        refusedEverywhere(with(Map.of("Budget", new BigDecimal("-1e-999999999"))), "entity.attributes.Budget", "exponent");
        refusedEverywhere(with(Map.of("Budget", new BigInteger("9".repeat(2000)))), "entity.attributes.Budget",
                "2000 digits");
        refusedEverywhere(with(Map.of("Ratio", Double.NaN)), "entity.attributes.Ratio", "not a finite number");
        refusedEverywhere(with(Map.of("Ratio", List.of(1, Double.POSITIVE_INFINITY))), "entity.attributes.Ratio[1]",
                "not a finite number");
    }

    @Test
    void identifiersAndSizesFromTheJavaApiAreRefused() throws Exception {
        refusedEverywhere(Event.builder("Project:" + "U".repeat(480_000)).id("evt-1")
                .entity(new Entity("Project", "p-1", null, Map.of())).build(), "type", "at most 200");
        refusedEverywhere(Event.builder("NoColon").id("evt-1")
                .entity(new Entity("Project", "p-1", null, Map.of())).build(), "type", "is not Entity:Action");
        refusedEverywhere(Event.builder("Project:Updated").id("evt-\u0000")
                .entity(new Entity("Project", "p-1", null, Map.of())).build(), "id", "control character U+0000");
        refusedEverywhere(Event.builder("Project:Updated").id("evt-1").tenant("t".repeat(101))
                .entity(new Entity("Project", "p-1", null, Map.of())).build(), "tenant", "at most 100");
        refusedEverywhere(Event.builder("Project:Updated").id("evt-1")
                .entity(new Entity("Project", "p-1", null, Map.of()))
                .parent(new EntityRef("Portfolio", "pf", "k".repeat(201))).build(), "parent.key", "at most 200");
        refusedEverywhere(with(Map.of("Text", "x".repeat(100_001))), "entity.attributes.Text", "at most 100000");
        refusedEverywhere(with(Map.of("Many", java.util.Collections.nCopies(10_001, 1))), "entity.attributes.Many",
                "at most 10000");
        Object deep = 1;
        for (int i = 0; i < 40; i++) {
            deep = Map.of("x", deep);
        }
        refusedEverywhere(with(Map.of("Deep", deep)), "entity.attributes.Deep" + ".x".repeat(32), "at most 32");
    }

    @Test
    void anEventNoWebhookHearsIsCheckedTheSame() throws Exception {
        Event unheard = Event.builder("Task:Archived").id("evt-1").before(Map.of("Ratio", 1))
                .entity(new Entity("Task", "t-1", null, Map.of("Ratio", Double.NaN))).build();
        refusedEverywhere(unheard, "entity.attributes.Ratio", "not a finite number");
        refusedEverywhere(unheard.toBuilder().entity(new Entity("Task", "t-1", null, Map.of()))
                .before(Map.of("Text", "x".repeat(100_001))).build(), "before.Text", "at most 100000");
    }

    @Test
    void aWorkspaceFileWithAnAbsurdNumberOrDeepNestingIsAClearError() throws Exception {
        Path file = dir.resolve("workspace.json");
        Files.writeString(file, """
                {"entities": [{"type": "Project", "id": "p-1", "key": "DEMO",
                               "attributes": {"Budget": 1e999999999}}]}""");
        Workspace space = Workspace.load(file);
        WorkspaceException e = assertThrows(WorkspaceException.class, () -> new WorkspaceEvents(space,
                Clock.systemUTC()).build(space.project("DEMO"), "Project:Updated", List.of(), null));
        assertTrue(e.getMessage().contains("entity.attributes.Budget") && e.getMessage().contains("exponent"),
                e.getMessage());
        WorkspaceException set = assertThrows(WorkspaceException.class, () -> new WorkspaceEvents(space,
                Clock.systemUTC()).build(space.project("DEMO"), "Project:Updated", List.of("Budget=1e-999999999"), null));
        assertTrue(set.getMessage().contains("exponent"), set.getMessage());

        Files.writeString(file, "{\"entities\": [{\"type\": \"Project\", \"id\": \"p-1\", \"attributes\": {\"B\": 1e9999999999}}]}");
        WorkspaceException overflow = assertThrows(WorkspaceException.class, () -> Workspace.load(file));
        assertTrue(overflow.getMessage().contains("exponent"), overflow.getMessage());

        Files.writeString(file, "{\"entities\": [{\"type\": \"Project\", \"id\": \"p-1\", \"attributes\": {\"D\": "
                + "[".repeat(5000) + "]".repeat(5000) + "}}]}");
        WorkspaceException deep = assertThrows(WorkspaceException.class, () -> Workspace.load(file));
        assertTrue(deep.getMessage().startsWith(file.toString()) && deep.getMessage().contains("nesting depth"),
                deep.getMessage());
    }

    @Test
    void anExplanationShowsAHugeButAllowedNumberWithoutWritingItOut() {
        assertEquals("1E+1000", io.hookwright.event.Values.show(new BigDecimal("1e1000")));
        assertEquals("-1E-1000", io.hookwright.event.Values.show(new BigDecimal("-1e-1000")));
        assertEquals("1E+999999999", io.hookwright.event.Values.show(new BigDecimal("1e999999999")));
        assertEquals("12.5", io.hookwright.event.Values.show(new BigDecimal("12.50")));
        assertEquals("5000", io.hookwright.event.Values.show(new BigDecimal("5E+3")));
        assertEquals("0", io.hookwright.event.Values.show(new BigDecimal("0E+999999999")));
    }

    @Test
    void eventsWithinTheLimitsArePublished() {
        Published published = engine.publish(with(Map.of("Budget", new BigDecimal("1e1000"), "Name", "Задача 😀",
                "Deep", List.of(List.of(Map.of("a", 1))))));
        assertEquals(Fired.Status.SUCCEEDED, published.fired().get(0).status());
    }
}
