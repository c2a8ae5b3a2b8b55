package io.hookwright.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.Engine;
import io.hookwright.execution.EngineFixture;
import io.hookwright.testing.SettableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright prune --older-than SPAN}: the retention's deletion, once, on a database an engine wrote. */
class PruneCommandTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path root;
    private CliFixture fixture;

    @BeforeEach
    void start() {
        fixture = new CliFixture(root, receiver.getPort())
                .definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void runsOlderThanTheSpanGoAndNewerOnesStay() {
        SettableClock clock = new SettableClock(Instant.now().minus(Duration.ofDays(40)));
        try (Engine engine = fixture.hostEngine(clock)) {
            engine.publish(EngineFixture.projectUpdated("p-old"));
            clock.set(Instant.now().minus(Duration.ofDays(1)));
            engine.publish(EngineFixture.projectUpdated("p-recent"));
        }
        Cli.Run pruned = fixture.onStore("prune", "--older-than", "30d").exits(0);
        assertTrue(pruned.out().startsWith("Deleted 1 run created before "), pruned.out());

        Cli.Run runs = Cli.run("runs", "--db", fixture.db, "--json").exits(0);
        assertTrue(runs.out().contains("\"evt-p-recent\""), runs.out());
        assertEquals(1, runs.out().split("\"eventId\"").length - 1, runs.out());
    }

    @Test
    void aSpanThatIsNoneIsAUsageError() {
        Cli.Run refused = fixture.onStore("prune", "--older-than", "a month").exits(2);
        assertTrue(refused.err().contains("--older-than takes a span such as 30d or 12h (more than 0), not 'a month'"),
                refused.err());
    }
}
