package io.hookwright.store;

import io.hookwright.store.Schema.DefinitionSets;
import io.hookwright.store.Schema.Outbox;
import io.hookwright.store.Schema.ReceivedEvents;
import io.hookwright.store.Schema.Runs;
import io.hookwright.store.Schema.SchemaVersion;
import io.hookwright.store.Schema.WebhookStates;
import io.hookwright.store.Schema.Workers;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The schema's versions, applied in order at start. Each runs in its own transaction with its version row, so a
 * crash mid-way leaves the database at the previous version. Never edit a released step: add the next one.
 */
public final class Migrations {
    static final List<Migration> ALL = List.of(
            new Migration(1, "outbox and run log", Migrations::outboxAndRunLog),
            new Migration(2, "webhook state: failures and deactivation", Migrations::webhookState),
            new Migration(3, "target host and signing secrets on queued and logged requests", Migrations::targetAndSigning),
            new Migration(4, "events received over HTTP, for idempotent ingest", Migrations::receivedEvents),
            new Migration(5, "node of each run; definitions sets shared by the nodes", Migrations::nodes),
            new Migration(6, "one lease per worker instead of one per claim", Migrations::workers),
            new Migration(7, "received events keyed by caller and event id, with a digest of each event",
                    Migrations::receivedEventsByCaller));

    private Migrations() {
    }

    /**
     * Brings the schema up to the newest version; returns the versions applied now. Runs on one connection, holding
     * the dialect's migration lock, so nodes starting together apply each version once.
     */
    public static List<Integer> apply(DSLContext pooled, Dialect dialect) {
        return pooled.connectionResult(connection -> {
            DSLContext dsl = DSL.using(connection, dialect.sql());
            List<List<Integer>> applied = new java.util.ArrayList<>();
            dialect.holdingMigrationLock(dsl, () -> applied.add(applyHeld(dsl)));
            return applied.get(0);
        });
    }

    private static List<Integer> applyHeld(DSLContext dsl) {
        dsl.createTableIfNotExists(SchemaVersion.TABLE)
                .columns(SchemaVersion.VERSION, SchemaVersion.DESCRIPTION, SchemaVersion.APPLIED_AT)
                .primaryKey(SchemaVersion.VERSION)
                .execute();
        Set<Integer> applied = new HashSet<>(dsl.select(SchemaVersion.VERSION).from(SchemaVersion.TABLE)
                .fetch(SchemaVersion.VERSION));
        List<Integer> now = new java.util.ArrayList<>();
        for (Migration migration : ALL) {
            if (applied.contains(migration.version())) {
                continue;
            }
            dsl.transaction(tx -> {
                DSLContext t = DSL.using(tx);
                migration.change().accept(t);
                t.insertInto(SchemaVersion.TABLE)
                        .columns(SchemaVersion.VERSION, SchemaVersion.DESCRIPTION, SchemaVersion.APPLIED_AT)
                        .values(migration.version(), migration.description(), System.currentTimeMillis())
                        .execute();
            });
            now.add(migration.version());
        }
        return now;
    }

    public static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    private static void outboxAndRunLog(DSLContext dsl) {
        dsl.createTable(Outbox.TABLE)
                .columns(Outbox.MESSAGE_ID, Outbox.WEBHOOK, Outbox.REVISION, Outbox.EVENT_ID, Outbox.EVENT_TYPE,
                        Outbox.MODE, Outbox.REQUEST, Outbox.TIMEOUT_MS, Outbox.ATTEMPTS, Outbox.STATUS,
                        Outbox.NEXT_ATTEMPT_AT, Outbox.CLAIMED_BY, Outbox.LEASE_UNTIL, Outbox.CREATED_AT)
                .primaryKey(Outbox.MESSAGE_ID)
                .execute();
        dsl.createIndex("hw_outbox_due").on(Outbox.TABLE, Outbox.STATUS, Outbox.NEXT_ATTEMPT_AT).execute();
        dsl.createTable(Runs.TABLE)
                .columns(Runs.ID, Runs.WEBHOOK, Runs.REVISION, Runs.EVENT_ID, Runs.EVENT_TYPE, Runs.MESSAGE_ID,
                        Runs.MODE, Runs.ATTEMPT, Runs.REQUEST_METHOD, Runs.REQUEST_URL, Runs.REQUEST_HEADERS,
                        Runs.REQUEST_BODY, Runs.RESPONSE_STATUS, Runs.RESPONSE_HEADERS, Runs.RESPONSE_BODY, Runs.DURATION_MS,
                        Runs.OUTCOME, Runs.ERROR, Runs.CREATED_AT, Runs.BODIES_PURGED)
                .primaryKey(Runs.ID)
                .execute();
        dsl.createIndex("hw_runs_webhook").on(Runs.TABLE, Runs.WEBHOOK, Runs.CREATED_AT).execute();
        dsl.createIndex("hw_runs_created").on(Runs.TABLE, Runs.CREATED_AT).execute();
        dsl.createIndex("hw_runs_message").on(Runs.TABLE, Runs.MESSAGE_ID).execute();
    }

    private static void webhookState(DSLContext dsl) {
        dsl.createTable(WebhookStates.TABLE)
                .columns(WebhookStates.CODE, WebhookStates.ACTIVE, WebhookStates.CONSECUTIVE_FAILURES,
                        WebhookStates.LAST_FAILURE, WebhookStates.DEACTIVATED_AT, WebhookStates.DEACTIVATION_REASON,
                        WebhookStates.UPDATED_AT)
                .primaryKey(WebhookStates.CODE)
                .execute();
    }

    private static void targetAndSigning(DSLContext dsl) {
        dsl.alterTable(Outbox.TABLE).addColumn(Outbox.TARGET_HOST).execute();
        dsl.alterTable(Outbox.TABLE).addColumn(Outbox.SIGNING_SECRETS).execute();
        dsl.alterTable(Runs.TABLE).addColumn(Runs.SIGNING_SECRETS).execute();
        dsl.createIndex("hw_outbox_claimed").on(Outbox.TABLE, Outbox.CLAIMED_BY).execute();
    }

    private static void receivedEvents(DSLContext dsl) {
        dsl.createTable(ReceivedEvents.TABLE)
                .columns(ReceivedEvents.EVENT_ID, ReceivedEvents.RESULT, ReceivedEvents.STATUS, ReceivedEvents.RECEIVED_AT)
                .primaryKey(ReceivedEvents.EVENT_ID)
                .execute();
        dsl.createIndex("hw_received_events_at").on(ReceivedEvents.TABLE, ReceivedEvents.RECEIVED_AT).execute();
    }

    private static void nodes(DSLContext dsl) {
        dsl.alterTable(Runs.TABLE).addColumn(Runs.NODE).execute();
        dsl.createTable(DefinitionSets.TABLE)
                .columns(DefinitionSets.DIGEST, DefinitionSets.REVISION, DefinitionSets.FILES, DefinitionSets.WEBHOOKS,
                        DefinitionSets.PUBLISHED_BY, DefinitionSets.PUBLISHED_AT)
                .primaryKey(DefinitionSets.DIGEST)
                .execute();
        dsl.createIndex("hw_definition_sets_published").on(DefinitionSets.TABLE, DefinitionSets.PUBLISHED_AT).execute();
    }

    private static void workers(DSLContext dsl) {
        dsl.createTable(Workers.TABLE)
                .columns(Workers.WORKER, Workers.ALIVE_UNTIL, Workers.STARTED_AT)
                .primaryKey(Workers.WORKER)
                .execute();
        // Claims made under the leases of version 5 have no worker here to keep them: they are due again.
        dsl.update(Outbox.TABLE)
                .set(Outbox.STATUS, "pending")
                .setNull(Outbox.CLAIMED_BY)
                .setNull(Outbox.LEASE_UNTIL)
                .where(Outbox.STATUS.eq("claimed"))
                .execute();
    }

    /**
     * The table of version 4 is replaced: its rows do not say who posted each event, so none of them can answer a
     * caller's repeat without risking another caller's answer. A repeat of an event posted before the upgrade is
     * processed again.
     */
    private static void receivedEventsByCaller(DSLContext dsl) {
        dsl.dropTable(ReceivedEvents.TABLE).execute();
        dsl.createTable(ReceivedEvents.TABLE)
                .columns(ReceivedEvents.CALLER, ReceivedEvents.EVENT_ID, ReceivedEvents.BODY_DIGEST, ReceivedEvents.RESULT,
                        ReceivedEvents.STATUS, ReceivedEvents.RECEIVED_AT)
                .primaryKey(ReceivedEvents.CALLER, ReceivedEvents.EVENT_ID)
                .execute();
        dsl.createIndex("hw_received_events_at").on(ReceivedEvents.TABLE, ReceivedEvents.RECEIVED_AT).execute();
    }
}
