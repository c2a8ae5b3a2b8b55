package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.testdb.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * What the tests of the execution modes (the README's table) share: every test runs on SQLite and on PostgreSQL, against a
 * WireMock receiver on loopback, with an engine on the webhooks the test class starts it with.
 */
@ParameterizedClass
@EnumSource(Backend.class)
abstract class ExecutionContract {
    @Parameter
    Backend backend;

    /** One receiver per test class, started before its first test and stopped after its last. */
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    EngineFixture fixture;
    Engine engine;

    /** Starts the engine on {@code definitions} (see {@link EngineFixture#webhook}), with the receiver's port. */
    void startEngine(String definitions) {
        fixture = new EngineFixture(backend, dir, receiver.getPort(), definitions);
        engine = fixture.engine();
    }

    @AfterEach
    void stopEngine() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Every request the receiver got in this test, in order. */
    static List<LoggedRequest> received() {
        return receiver.findAll(anyRequestedFor(anyUrl()));
    }
}
