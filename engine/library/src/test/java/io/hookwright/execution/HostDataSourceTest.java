package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hookwright.runlog.Outcome;
import io.hookwright.store.Database;
import io.hookwright.testdb.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host that embeds the engine on its own pool ({@link Database#create(DataSource)}): its transactions carry the
 * async-inside messages, the engine delivers them and logs the runs, and closing the engine leaves the pool open.
 */
class HostDataSourceTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private static final String WEBHOOKS = EngineFixture.webhook("erp_outbox", "/erp",
            "synchronous false\ntransaction 'inside'")
            + EngineFixture.webhook("erp_after", "/after", "synchronous false\ntransaction 'after-commit'");

    @Test
    void aHikariPoolOnSqlite() throws Exception {
        runsEndToEnd(Backend.SQLITE, HostDataSourceTest::hikari);
    }

    @Test
    void aPlainSqliteDataSource() throws Exception {
        runsEndToEnd(Backend.SQLITE, url -> {
            SQLiteDataSource source = new SQLiteDataSource();
            source.setUrl(url);
            return source;
        });
    }

    @Test
    void aHikariPoolOnPostgres() throws Exception {
        runsEndToEnd(Backend.POSTGRES, HostDataSourceTest::hikari);
    }

    static HikariDataSource hikari(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("host pool");
        config.setMaximumPoolSize(6);
        return new HikariDataSource(config);
    }

    private void runsEndToEnd(Backend backend, Function<String, DataSource> hostPool) throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(204)));
        receiver.stubFor(post(urlEqualTo("/after")).willReturn(aResponse().withStatus(204)));
        DataSource[] pool = new DataSource[1];
        try (EngineFixture fixture = new EngineFixture(backend, dir, receiver.getPort(), WEBHOOKS, url -> {
            pool[0] = hostPool.apply(url);
            return Database.create(pool[0]);
        })) {
            Engine engine = fixture.engine();
            try (Connection host = pool[0].getConnection(); var tx = engine.begin(host)) {
                EngineFixture.insertProject(host, "p-1");
                Published published = tx.publish(EngineFixture.projectUpdated("p-1"));
                assertEquals(List.of(Fired.Status.QUEUED, Fired.Status.QUEUED), published.fired().stream().map(Fired::status).toList());
                tx.commit();
            }
            fixture.awaitIdle();
            assertTrue(fixture.projectCommitted("p-1"));
            receiver.verify(1, postRequestedFor(urlEqualTo("/erp")));
            receiver.verify(1, postRequestedFor(urlEqualTo("/after")));
            assertEquals(List.of(Outcome.SUCCEEDED, Outcome.SUCCEEDED), fixture.outcomes());
            assertEquals(0, engine.outbox().depth());
        }
        try (Connection stillOpen = pool[0].getConnection()) {
            assertTrue(stillOpen.isValid(5), "closing the engine's database left the host's pool open");
        }
        if (pool[0] instanceof HikariDataSource hikari) {
            assertFalse(hikari.isClosed());
            hikari.close();
        }
        assertEquals(2, receiver.findAll(anyRequestedFor(anyUrl())).size());
    }
}
