package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.zaxxer.hikari.HikariDataSource;
import io.hookwright.errors.HookwrightException;
import io.hookwright.errors.StoreUnavailableException;
import io.hookwright.runlog.RunQuery;
import io.hookwright.store.Database;
import io.hookwright.testdb.Backend;
import io.hookwright.testdb.FailingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a host sees when the database fails under a running engine: a {@link StoreUnavailableException} naming the
 * database and what the engine was doing, never jOOQ's or the driver's exception.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class StoreUnavailableTest {
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

    private Engine start() {
        receiver.stubFor(post(urlEqualTo("/after")).willReturn(aResponse().withStatus(204)));
        fixture = new EngineFixture(backend, dir, receiver.getPort(),
                EngineFixture.webhook("erp_after", "/after", "synchronous false\ntransaction 'after-commit'"), url -> {
                    pool = HostDataSourceTest.hikari(url);
                    failing = new FailingStore(pool);
                    return Database.create(failing);
                });
        return fixture.engine();
    }

    @Test
    void readsAndPublishesFailWithStoreUnavailable() {
        Engine engine = start();
        engine.publish(EngineFixture.projectUpdated("p-0"));
        fixture.awaitIdle();

        failing.refuseConnections();
        StoreUnavailableException read = assertThrows(StoreUnavailableException.class,
                () -> engine.runs(RunQuery.latest(10)));
        assertTrue(read.getMessage().contains(fixture.database.where()), read.getMessage());
        assertTrue(read.getMessage().contains("listing runs"), read.getMessage());
        assertInstanceOf(HookwrightException.class, read);

        assertFalse(read.getMessage().contains("org.jooq"), read.getMessage());

        // A publish without a host transaction is committed at once: its messages are kept, not refused (CommitTruthTest).
        assertDoesNotThrow(() -> engine.publish(EngineFixture.projectUpdated("p-1")));

        StoreUnavailableException depth = assertThrows(StoreUnavailableException.class, engine::queuedMessages);
        assertTrue(depth.getMessage().contains("counting queued messages"), depth.getMessage());
    }

    @Test
    void theHostClosingItsPoolIsStoreUnavailable() {
        Engine engine = start();
        pool.close();
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> engine.runs(RunQuery.latest(10)));
        assertTrue(e.getMessage().contains(fixture.database.where()), e.getMessage());
    }
}
