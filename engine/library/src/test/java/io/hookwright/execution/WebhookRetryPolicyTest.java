package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A webhook's own {@code retry} decides when a failed message is tried again and when it is given up, instead of the
 * engine's schedule (now, 5 s, 5 min, …). Every wait is spread by the engine's jitter (10 % either way), so the
 * checks sit outside that band. The engine is a manual one: each attempt goes when the test runs what is due.
 */
class WebhookRetryPolicyTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private ManualEngine manual;
    private Engine engine;

    /** An always-failing async webhook with this retry, and one event published to it. */
    private void publishToFailingWebhook(String retry) {
        fixture = new EngineFixture(dir, receiver.getPort(),
                EngineFixture.webhook("erp_sync", "/erp", "synchronous false\n" + retry));
        manual = fixture.manual();
        engine = manual.engine();
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        engine.publish(EngineFixture.projectUpdated("p-1"));
        assertEquals(1, manual.runDue().size(), "the first attempt goes at once");
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Moves the clock and makes the attempts due by then; returns how many went. */
    private int advance(Duration by) {
        fixture.clock.advance(by);
        return manual.runDue().size();
    }

    private static int received() {
        return receiver.findAll(anyRequestedFor(anyUrl())).size();
    }

    @Test
    void listedWaitsSetWhenTheNextAttemptGoesAndGiveUpAfterTheLast() {
        publishToFailingWebhook("retry '1m'");
        assertEquals(List.of(Outcome.PENDING_RETRY), fixture.outcomes());

        advance(Duration.ofSeconds(53));
        assertEquals(1, received(), "not yet: a minute less 10 % jitter has not passed (the engine's 5 s does not apply)");

        advance(Duration.ofSeconds(14));
        assertEquals(2, received(), "due: a minute plus 10 % jitter has passed");
        assertEquals(List.of(Outcome.PENDING_RETRY, Outcome.GAVE_UP), fixture.outcomes(), "one wait, two attempts");
        assertEquals(0, engine.queuedMessages());

        advance(Duration.ofDays(1));
        assertEquals(2, received(), "nothing after giving up");
    }

    @Test
    void retryFalseMakesOneAttemptAndGivesUp() {
        publishToFailingWebhook("retry false");
        assertEquals(List.of(Outcome.GAVE_UP), fixture.outcomes());
        assertEquals(0, engine.queuedMessages());

        advance(Duration.ofDays(1));
        assertEquals(1, received());
    }

    @Test
    void retryAttemptsCutsTheEnginesScheduleToThatManyAttempts() {
        publishToFailingWebhook("retry attempts: 2");
        assertEquals(List.of(Outcome.PENDING_RETRY), fixture.outcomes());

        advance(Duration.ofSeconds(4));
        assertEquals(1, received(), "the engine's 5 s, less 10 % jitter, has not passed");

        advance(Duration.ofSeconds(2));
        assertEquals(List.of(Outcome.PENDING_RETRY, Outcome.GAVE_UP), fixture.outcomes());
        assertEquals(List.of(1, 2), fixture.runs().stream().map(Run::attempt).toList());
        assertEquals(0, engine.queuedMessages());

        advance(Duration.ofDays(1));
        assertEquals(2, received(), "the engine's third attempt (5 min) never comes");
    }
}
