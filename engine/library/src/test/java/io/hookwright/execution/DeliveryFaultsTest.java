package io.hookwright.execution;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.delivery.RetrySchedule;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An async delivery meets a target that misbehaves: every fault is logged as a failed attempt with what went wrong,
 * and the message waits in the outbox for its next attempt on the schedule (or a target's Retry-After); 410 Gone
 * and the last attempt of the schedule give up.
 */
class DeliveryFaultsTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** The default schedule's wait after the first attempt, 5 s, spread by its 10 % jitter either way. */
    private static final Duration EARLIEST_SECOND_ATTEMPT = Duration.ofMillis(4_500);
    private static final Duration LATEST_SECOND_ATTEMPT = Duration.ofMillis(5_500);

    @TempDir
    Path dir;
    private EngineFixture fixture;

    @BeforeEach
    void write() {
        fixture = new EngineFixture(dir, receiver.getPort(), EngineFixture.webhook("erp_sync", "/erp",
                "synchronous false\ntransaction 'after-commit'\ntimeout '1s'"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void answer(ResponseDefinitionBuilder response) {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(response));
    }

    /** Publishes one event and returns its first attempt, once logged. */
    private Run firstAttempt() {
        fixture.engine().publish(EngineFixture.projectUpdated("p-1"));
        fixture.awaitIdle();
        assertEquals(1, fixture.runs().size(), "attempts logged");
        return fixture.runs().get(0);
    }

    private void assertWaitingForItsNextAttempt(Run first) {
        assertEquals(Outcome.PENDING_RETRY, first.outcome());
        assertEquals(1, first.attempt());
        assertEquals(1, fixture.engine().queuedMessages(), "the message stays queued");
        assertEquals(1, receiver.findAll(anyRequestedFor(anyUrl())).size(), "one request per attempt");
    }

    /** Moves the clock to {@code notYet} after the first attempt, then to {@code due}: the second comes only then. */
    private void assertSecondAttemptComesBetween(Duration notYet, Duration due) {
        fixture.clock.set(EngineFixture.T0.plus(notYet));
        fixture.awaitIdle();
        assertEquals(1, fixture.runs().size(), "no second attempt at +" + notYet);
        fixture.clock.set(EngineFixture.T0.plus(due));
        fixture.awaitIdle();
        assertEquals(List.of(1, 2), fixture.runs().stream().map(Run::attempt).toList(), "second attempt at +" + due);
        assertEquals(fixture.runs().get(0).messageId(), fixture.runs().get(1).messageId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CONNECTION_RESET_BY_PEER | IOException: HTTP/1.1 header parser received no bytes",
            "EMPTY_RESPONSE           | IOException: HTTP/1.1 header parser received no bytes",
            "MALFORMED_RESPONSE_CHUNK | IOException: Illegal character in chunk size",
            "RANDOM_DATA_THEN_CLOSE   | IOException: parsing HTTP/1.1 status line",
    })
    void aBrokenConnectionIsLoggedWithItsCauseAndRetriedFiveSecondsLater(Fault fault, String cause) {
        answer(aResponse().withFault(fault));
        Run first = firstAttempt();
        assertWaitingForItsNextAttempt(first);
        assertNull(first.response(), "no response came");
        assertTrue(first.error().startsWith(cause), first.error());
        assertSecondAttemptComesBetween(EARLIEST_SECOND_ATTEMPT.minusMillis(1), LATEST_SECOND_ATTEMPT);
    }

    @Test
    void aTargetSlowerThanTheTimeoutIsLoggedAsATimeoutAndRetried() {
        // The webhook's timeout is 1 s: this test waits that second, as the timeout is what it is about.
        answer(aResponse().withStatus(200).withFixedDelay(3_000));
        Run first = firstAttempt();
        assertWaitingForItsNextAttempt(first);
        assertNull(first.response());
        assertEquals("no response within the timeout of 1000 ms", first.error());
        assertSecondAttemptComesBetween(EARLIEST_SECOND_ATTEMPT.minusMillis(1), LATEST_SECOND_ATTEMPT);
    }

    @Test
    void aServerErrorIsLoggedWithItsStatusAndBodyAndRetried() {
        answer(aResponse().withStatus(500).withBody("database down"));
        Run first = firstAttempt();
        assertWaitingForItsNextAttempt(first);
        assertEquals(500, first.response().status());
        assertEquals("database down", first.response().body());
        assertEquals("HTTP 500: database down", first.error());
        assertSecondAttemptComesBetween(EARLIEST_SECOND_ATTEMPT.minusMillis(1), LATEST_SECOND_ATTEMPT);
    }

    @Test
    void unavailableWithRetryAfterInSecondsIsRetriedNoSoonerThanAsked() {
        answer(aResponse().withStatus(503).withHeader("Retry-After", "120"));
        Run first = firstAttempt();
        assertWaitingForItsNextAttempt(first);
        assertEquals("HTTP 503", first.error());
        assertEquals("120", first.response().headers().get("retry-after"));
        assertSecondAttemptComesBetween(Duration.ofSeconds(119), Duration.ofSeconds(121));
    }

    @Test
    void tooManyRequestsWithRetryAfterAsADateIsRetriedNoSoonerThanThen() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                EngineFixture.T0.plusSeconds(60).atOffset(ZoneOffset.UTC));
        answer(aResponse().withStatus(429).withHeader("Retry-After", inAMinute).withBody("slow down"));
        Run first = firstAttempt();
        assertWaitingForItsNextAttempt(first);
        assertEquals("HTTP 429: slow down", first.error());
        assertSecondAttemptComesBetween(Duration.ofSeconds(59), Duration.ofSeconds(60));
    }

    @Test
    void goneGivesUpAtOnceAndLeavesTheOutbox() {
        answer(aResponse().withStatus(410).withBody("no such subscription"));
        Run first = firstAttempt();
        assertEquals(Outcome.GAVE_UP, first.outcome());
        assertEquals(410, first.response().status());
        assertEquals("HTTP 410: no such subscription", first.error());
        assertEquals(0, fixture.engine().queuedMessages());

        fixture.clock.advance(Duration.ofDays(1));
        fixture.awaitIdle();
        assertEquals(1, receiver.findAll(anyRequestedFor(anyUrl())).size(), "never sent again");
    }

    @Test
    void aMessageThatFailsEveryAttemptGivesUpOnTheLastAndLeavesTheOutbox() {
        fixture.engine(b -> b.retrySchedule(new RetrySchedule(
                List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2)), 0)));
        answer(aResponse().withStatus(500));
        firstAttempt();
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.awaitIdle();
        assertEquals(1, fixture.engine().queuedMessages(), "still queued after the second attempt");
        fixture.clock.advance(Duration.ofSeconds(2));
        fixture.awaitIdle();

        assertEquals(List.of(Outcome.PENDING_RETRY, Outcome.PENDING_RETRY, Outcome.GAVE_UP), fixture.outcomes());
        assertEquals(List.of(1, 2, 3), fixture.runs().stream().map(Run::attempt).toList());
        assertEquals(0, fixture.engine().queuedMessages());
        fixture.clock.advance(Duration.ofDays(1));
        fixture.awaitIdle();
        assertEquals(3, receiver.findAll(anyRequestedFor(anyUrl())).size(), "nothing after the last attempt");
    }
}
