package io.hookwright.cli;

import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.execution.Engine;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.render.Secrets;
import io.hookwright.runlog.JooqRunLog;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunLog;
import io.hookwright.runlog.RunQuery;
import io.hookwright.state.JooqWebhookStateStore;
import io.hookwright.state.WebhookStateStore;
import io.hookwright.store.Database;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the delivery commands work on, in a temp folder: a definitions folder, a workspace, a secrets file and a
 * SQLite database file, with a receiver on loopback at {@code port}. Every command run through it is checked never to
 * print the secret's value.
 */
final class CliFixture {
    static final String TOKEN = "erp-SECRET-token-4711";

    final Path root;
    final Path definitions;
    final Path workspace;
    final Path secrets;
    final Path db;
    final int port;

    CliFixture(Path root, int port) {
        this.root = root;
        this.port = port;
        this.definitions = root.resolve("webhooks");
        this.workspace = Cli.write(root.resolve("workspace.json"), """
                {"entities": [
                  {"type": "Project", "id": "p-1", "key": "DEMO", "tenant": "acme",
                   "attributes": {"Status": "On track", "Budget": 5000}},
                  {"type": "Task", "id": "t-9", "key": "DEMO-9", "tenant": "acme",
                   "parent": {"type": "Project", "id": "p-1", "key": "DEMO"},
                   "attributes": {"Status": "In progress"}}
                ]}
                """);
        this.secrets = Cli.write(root.resolve("secrets.properties"), "ERP_TOKEN=" + TOKEN + "\n");
        this.db = root.resolve("hookwright.db");
    }

    /** Writes {@code webhooks/hooks.groovy}; {@code RECEIVER} in it stands for {@code http://localhost:PORT}. */
    CliFixture definitions(String groovy) {
        Cli.write(definitions.resolve("hooks.groovy"), groovy.replace("RECEIVER", "http://localhost:" + port));
        return this;
    }

    /** A webhook on {@code Project:Updated} posting the project, with the secret in a header, to {@code RECEIVER/path}. */
    static String webhook(String code, String path, String execution) {
        return """
                webhook('%s') {
                    on 'Project:Updated'
                    request {
                        post 'RECEIVER%s'
                        header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'
                        header 'Content-Type', 'application/json'
                        body '''{"project": "${entity.key}", "status": "${entity.attributes.Status}"}'''
                    }
                    execution { %s }
                }
                """.formatted(code, path, execution);
    }

    /** Runs hookwright, then checks the secret's value was printed nowhere. */
    Cli.Run run(Object... args) {
        Cli.Run run = Cli.run(args);
        assertFalse(run.all().contains(TOKEN), "the secret's value was printed:\n" + run.all());
        return run;
    }

    /** {@code command}, then the options that point it at this fixture's store, then {@code args}. */
    Cli.Run onStore(String command, Object... args) {
        List<Object> all = new ArrayList<>(List.of(command, "--db", db));
        all.addAll(List.of(args));
        return run(all.toArray());
    }

    /** Like {@link #onStore}, with the definitions, the secrets and the receiver allowed as a target. */
    Cli.Run sending(String command, Object... args) {
        List<Object> all = new ArrayList<>(List.of(command, "--db", db, "--definitions", definitions,
                "--secrets", secrets, "--allow-target", "localhost:" + port));
        all.addAll(List.of(args));
        return run(all.toArray());
    }

    /** Like {@link #onStore}, with the definitions. */
    Cli.Run withDefinitions(String command, Object... args) {
        List<Object> all = new ArrayList<>(List.of(command, "--db", db, "--definitions", definitions));
        all.addAll(List.of(args));
        return run(all.toArray());
    }

    Database database() {
        return Database.sqlite(db);
    }

    /**
     * An engine on the same database and definitions, as a host embeds it: its sync webhooks send in the caller's
     * thread, so what it publishes is logged before {@code publish} returns.
     */
    Engine hostEngine() {
        return hostEngine(Clock.systemUTC());
    }

    Engine hostEngine(Clock clock) {
        return hostBuilder().clock(clock).build();
    }

    /** The settings of {@link #hostEngine()}, to build it otherwise (a manual engine, say). */
    Engine.Builder hostBuilder() {
        DefinitionCompiler.Compilation compilation = new DefinitionCompiler().compile(definitions);
        assertTrue(compilation.valid(), () -> compilation.errors().toString());
        return Engine.builder(database(), new LoadedDefinitions(compilation.definitions(), "host"))
                .secrets(Secrets.of(Map.of("ERP_TOKEN", TOKEN)))
                .targetPolicy(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + port)), false));
    }

    /** The event a host publishes when project {@code key} changes. */
    static Event projectUpdated(String id, String key) {
        return Event.builder("Project:Updated").id("evt-" + id).tenant("acme")
                .initiator(new Initiator("u-1", "Anna Doe", "anna"))
                .entity(new Entity("Project", id, key, Map.of("Status", "Done"))).before(Map.of("Status", "On track"))
                .build();
    }

    RunLog runLog() {
        return new JooqRunLog(database());
    }

    /** Every logged run, oldest first. */
    List<Run> runs() {
        return runLog().list(RunQuery.latest(10_000)).reversed();
    }

    WebhookStateStore states() {
        return new JooqWebhookStateStore(database());
    }
}
