package io.hookwright.server.page;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.execution.EngineFixture;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.server.CaptureReceiver;
import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A page test: the server (in front of an engine on a real SQLite file) with {@link #WEBHOOKS}, a WireMock receiver,
 * and one headless Chromium for the whole test class.
 */
@Tag("slow")
abstract class PageTestBase {
    /**
     * Three webhooks with different owners, events, modes and states. {@code erp_sync} and {@code crm_push} send at
     * once (synchronous, after commit) so a run is logged by the time {@code publish} returns; {@code chat_notice}
     * is switched off in its definition.
     */
    static final String WEBHOOKS = """
            webhook('erp_sync') {
                label 'ERP sync'
                description 'Keeps the ERP project in step'
                owner 'carol@acme.example'
                on 'Project:Updated'
                request {
                    post 'RECEIVER/erp'
                    header 'Content-Type', 'application/json'
                    header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'
                    body '''{"project": "${entity.key}", "message": "${message.id}"}'''
                    signingSecret 'ERP_SIGNING'
                }
                execution {
                    synchronous true
                    transaction 'after-commit'
                }
            }
            webhook('crm_push') {
                label 'CRM push'
                owner 'alice@acme.example'
                on 'Task:*'
                request {
                    put 'RECEIVER/crm/${entity.id}'
                    body '''{"task": "${entity.id}"}'''
                }
                execution {
                    synchronous true
                    transaction 'after-commit'
                }
            }
            webhook('chat_notice') {
                label 'Chat notice'
                owner 'bob@acme.example'
                active false
                on 'Project:Created'
                request {
                    post 'RECEIVER/chat'
                    body '''{"text": "New project ${entity.key}"}'''
                }
            }
            """;

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static Browser browser;

    @TempDir
    Path dir;
    ServerFixture server;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Starts the server with {@link #WEBHOOKS} and points the browser at it, signed out. */
    void start() {
        start(WEBHOOKS);
    }

    void start(String definitions) {
        server = new ServerFixture(dir, receiver.getPort(), definitions);
        browser.server(server.uri("/"));
    }

    /**
     * Starts the server with {@link #WEBHOOKS} as {@code serve --capture} runs it: every request goes to
     * {@code capture} instead of its target.
     */
    void startCapturing(CaptureReceiver capture) {
        server = new ServerFixture(dir, receiver.getPort(), WEBHOOKS, 1024 * 1024, EngineFixture.SECRETS,
                builder -> builder.capture(capture.uri()).targetPolicy(new TargetPolicy(List.of(
                        TargetPolicy.Allowed.parse("127.0.0.1:" + capture.port())), false)));
        browser.server(server.uri("/"));
    }

    /** Starts the server and signs in with the admin token, which may do everything. */
    void startSignedIn() {
        start();
        signIn();
    }

    /** Publishes {@code Project:Updated} for project {@code id} (to {@code erp_sync}), then moves the clock a minute. */
    void projectUpdated(String id) {
        server.engine.publish(EngineFixture.projectUpdated(id));
        server.engineFixture.clock.advance(Duration.ofMinutes(1));
    }

    /** Publishes {@code Task:Updated} for task {@code id} (to {@code crm_push}), then moves the clock a minute. */
    void taskUpdated(String id) {
        server.engine.publish(Event.builder("Task:Updated").id("evt-" + id).tenant("acme")
                .initiator(new Initiator("u-1", "Anna Doe", "anna"))
                .entity(new Entity("Task", id, "T-" + id, Map.of("Status", "Done"))).before(Map.of("Status", "Open"))
                .build());
        server.engineFixture.clock.advance(Duration.ofMinutes(1));
    }

    void signIn() {
        browser.login(ServerFixture.token(Scope.ADMIN));
    }
}
