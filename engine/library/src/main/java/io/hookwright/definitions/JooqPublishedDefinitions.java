package io.hookwright.definitions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookwright.store.Database;
import io.hookwright.store.Notifications;
import io.hookwright.store.Schema.DefinitionSets;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;

/** All of the published definitions' SQL. */
public final class JooqPublishedDefinitions implements PublishedDefinitions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database database;

    public JooqPublishedDefinitions(Database database) {
        this.database = database;
    }

    @Override
    public void publish(DefinitionSnapshot snapshot, int webhooks, String node, Instant at) {
        String files;
        try {
            files = JSON.writeValueAsString(snapshot.files());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Clocks of nodes differ a little: the set published last must come out newest all the same. The stamp is
        // worked out inside the statement, which keeps the transaction a single write (SQLite refuses a read that
        // turns into a write when another writer came first).
        Field<Long> stamp = DSL.greatest(DSL.val(at.toEpochMilli()), DSL.coalesce(DSL.field(DSL.select(
                DSL.max(DefinitionSets.PUBLISHED_AT).plus(1)).from(DefinitionSets.TABLE)), DSL.val(0L)));
        database.inTransaction(tx -> tx.attempt("publishing definitions " + snapshot.digest(), () -> {
            database.dsl(tx).insertInto(DefinitionSets.TABLE, DefinitionSets.DIGEST, DefinitionSets.REVISION, DefinitionSets.FILES,
                            DefinitionSets.WEBHOOKS, DefinitionSets.PUBLISHED_BY, DefinitionSets.PUBLISHED_AT)
                    .values(DSL.val(snapshot.digest()), DSL.val(snapshot.revision()), DSL.val(files), DSL.val(webhooks),
                            DSL.val(node), stamp)
                    .onConflict(DefinitionSets.DIGEST).doUpdate()
                    .set(DefinitionSets.REVISION, snapshot.revision())
                    .set(DefinitionSets.PUBLISHED_BY, node)
                    .set(DefinitionSets.PUBLISHED_AT, stamp)
                    .execute();
            database.notifications().announce(tx, Notifications.Channel.DEFINITIONS);
            return null;
        }));
    }

    @Override
    public Optional<Published> current() {
        return database.attempt("reading the current definitions", () -> database.dsl()
                .select(DefinitionSets.DIGEST, DefinitionSets.REVISION, DefinitionSets.WEBHOOKS,
                        DefinitionSets.PUBLISHED_BY, DefinitionSets.PUBLISHED_AT)
                .from(DefinitionSets.TABLE)
                .orderBy(DefinitionSets.PUBLISHED_AT.desc(), DefinitionSets.DIGEST)
                .limit(1)
                .fetchOptional(JooqPublishedDefinitions::published));
    }

    private static Published published(Record r) {
        return new Published(r.get(DefinitionSets.DIGEST), r.get(DefinitionSets.REVISION), r.get(DefinitionSets.WEBHOOKS),
                r.get(DefinitionSets.PUBLISHED_BY), Instant.ofEpochMilli(r.get(DefinitionSets.PUBLISHED_AT)));
    }

    @Override
    public Optional<DefinitionSnapshot> get(String digest) {
        return database.attempt("reading definitions " + digest, () -> database.dsl()
                .select(DefinitionSets.REVISION, DefinitionSets.FILES).from(DefinitionSets.TABLE)
                .where(DefinitionSets.DIGEST.eq(digest))
                .fetchOptional(r -> {
                    try {
                        TreeMap<String, String> files = JSON.readValue(r.get(DefinitionSets.FILES), new TypeReference<>() { });
                        return new DefinitionSnapshot(r.get(DefinitionSets.REVISION), digest, files);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("the published definitions " + digest + " are not readable", e);
                    }
                }));
    }

    @Override
    public boolean known(String digest) {
        return database.attempt("looking up definitions " + digest,
                () -> database.dsl().fetchExists(DefinitionSets.TABLE, DefinitionSets.DIGEST.eq(digest)));
    }
}
