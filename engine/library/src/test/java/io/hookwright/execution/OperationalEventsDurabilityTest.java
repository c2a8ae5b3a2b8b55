package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.zaxxer.hikari.HikariDataSource;
import io.hookwright.store.Database;
import io.hookwright.testdb.Backend;
import io.hookwright.testdb.FailingStore;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operational event is written in the transaction of the change it tells of: while the store refuses that
 * transaction neither exists, the engine writes it again until the store takes it, and then the operator hears of the
 * change once, however many times the write was tried.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class OperationalEventsDurabilityTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private EngineFixture fixture;
    private HikariDataSource pool;
    private FailingStore failing;

    @AfterEach
    void close() {
        failing.heal();
        fixture.close();
        pool.close();
    }

    @Test
    void aDeactivationWhoseWriteIsRefusedIsToldOnceTheStoreTakesIt() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        receiver.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(200)));
        fixture = new EngineFixture(backend, dir, receiver.getPort(),
                EngineFixture.webhook("erp_sync", "/erp", "synchronous true\ntransaction 'after-commit'")
                        + OperationalEventsTest.operator("ops_chat", "/chat", ""), url -> {
                    pool = HostDataSourceTest.hikari(url);
                    failing = new FailingStore(pool);
                    return Database.create(failing);
                });
        Engine engine = fixture.engine(b -> b.deactivateAfter(1).failuresRising(List.of()));

        failing.failCommits();
        engine.publish(EngineFixture.projectUpdated("p-1"));
        int before = failing.refused();
        Await.until(Duration.ofSeconds(30), () -> failing.refused() > before + 2,
                "the engine to try writing the run and the deactivation again");
        assertEquals(0, receiver.findAll(postRequestedFor(urlEqualTo("/chat"))).size());

        failing.heal();
        fixture.awaitIdle();
        assertEquals(1, receiver.findAll(postRequestedFor(urlEqualTo("/chat"))).size());
        assertTrue(receiver.findAll(postRequestedFor(urlEqualTo("/chat"))).get(0).getBodyAsString()
                .contains("Hookwright:WebhookDeactivated"));
        assertFalse(engine.states().get("erp_sync").active());
        assertEquals(1, fixture.runs().stream().filter(r -> r.webhook().equals("erp_sync")).count());
    }
}
