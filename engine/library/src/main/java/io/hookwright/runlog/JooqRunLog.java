package io.hookwright.runlog;

import io.hookwright.render.RenderedRequest;
import io.hookwright.store.Database;
import io.hookwright.store.JdbcBatch;
import io.hookwright.render.RequestJson;
import io.hookwright.render.SecretNames;
import io.hookwright.store.Schema.Outbox;
import io.hookwright.store.Schema.Runs;
import io.hookwright.store.StoreTransaction;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** All of the run log's SQL. */
public final class JooqRunLog implements RunLog {
    private static final List<Field<?>> COLUMNS = List.of(Runs.ID, Runs.WEBHOOK, Runs.REVISION, Runs.EVENT_ID,
            Runs.EVENT_TYPE, Runs.MESSAGE_ID, Runs.MODE, Runs.ATTEMPT, Runs.REQUEST_METHOD, Runs.REQUEST_URL,
            Runs.REQUEST_HEADERS, Runs.REQUEST_BODY, Runs.RESPONSE_STATUS, Runs.RESPONSE_HEADERS, Runs.RESPONSE_BODY,
            Runs.DURATION_MS, Runs.OUTCOME, Runs.ERROR, Runs.CREATED_AT, Runs.BODIES_PURGED, Runs.SIGNING_SECRETS,
            Runs.NODE, Runs.CAPTURED);

    private final Database database;
    /**
     * Rendered once and run as a JDBC batch: a settlement batch logs hundreds of runs, and one insert of that many
     * rows, rendered and planned anew for each batch, took most of the batch's time under load (0.3–1.2 s for
     * 100–250 runs in the crash test, against 10–100 ms now).
     */
    private final String insert;
    /**
     * Request headers as logged, by the headers: a webhook's runs mostly carry the same ones (with secret references,
     * never values), and writing them out for every run showed in the profile of a busy run log. Bounded: headers
     * may come from event data.
     */
    private final Map<List<RenderedRequest.Header>, String> headersJson = new ConcurrentHashMap<>();
    private static final int MOST_HEADERS_KEPT = 256;
    /** Message ids per statement: within either database's limit of parameters. */
    private static final int MESSAGE_CHUNK = 512;

    public JooqRunLog(Database database) {
        this.database = database;
        this.insert = DSL.using(database.dialect()).insertInto(Runs.TABLE).columns(COLUMNS)
                .values(Collections.nCopies(COLUMNS.size(), null))
                .getSQL();
    }

    @Override
    public void record(List<Run> runs) {
        if (!runs.isEmpty()) {
            database.inTransaction(tx -> {
                record(tx, runs);
                return null;
            });
        }
    }

    @Override
    public void record(StoreTransaction tx, List<Run> runs) {
        tx.attempt("logging runs", () -> JdbcBatch.execute(tx, insert, runs.stream().map(run -> {
            Response response = run.response();
            return new Object[]{run.id(), run.webhook(), run.revision(), run.eventId(), run.eventType(),
                    run.messageId(), run.mode(), run.attempt(), run.request().method(), run.request().url(),
                    headersJson(run.request().headers()), run.request().body(),
                    response == null ? null : response.status(),
                    response == null ? null : RequestJson.writeMap(response.headers()),
                    response == null ? null : response.body(), run.duration().toMillis(), run.outcome().word(),
                    run.error(), run.createdAt().toEpochMilli(), false, SecretNames.join(run.signingSecrets()),
                    run.node(), run.captured()};
        }).toList()));
    }

    /** The JSON of {@code headers}, written once for the many runs that carry the same ones. */
    private String headersJson(List<RenderedRequest.Header> headers) {
        String json = headersJson.get(headers);
        if (json == null) {
            if (headersJson.size() >= MOST_HEADERS_KEPT) {
                headersJson.clear();
            }
            json = RequestJson.writeHeaders(headers);
            headersJson.put(headers, json);
        }
        return json;
    }

    @Override
    public Optional<Run> find(String id) {
        return database.attempt("reading run " + id, () -> database.dsl().selectFrom(Runs.TABLE).where(Runs.ID.eq(id))
                .fetchOptional().map(JooqRunLog::run));
    }

    @Override
    public List<Run> list(RunQuery query) {
        Condition where = DSL.noCondition();
        if (query.webhook() != null) {
            where = where.and(Runs.WEBHOOK.eq(query.webhook()));
        }
        if (query.outcomes() != null && !query.outcomes().isEmpty()) {
            where = where.and(Runs.OUTCOME.in(query.outcomes().stream().map(Outcome::word).toList()));
        }
        if (query.since() != null) {
            where = where.and(Runs.CREATED_AT.ge(query.since().toEpochMilli()));
        }
        if (query.until() != null) {
            where = where.and(Runs.CREATED_AT.lt(query.until().toEpochMilli()));
        }
        if (query.eventType() != null) {
            where = where.and(Runs.EVENT_TYPE.eq(query.eventType()));
        }
        if (query.text() != null && !query.text().isBlank()) {
            String text = query.text().strip();
            where = where.and(Runs.ID.eq(text).or(Runs.EVENT_ID.eq(text)).or(Runs.MESSAGE_ID.eq(text))
                    .or(Runs.REQUEST_URL.containsIgnoreCase(text)).or(Runs.REQUEST_BODY.containsIgnoreCase(text)));
        }
        if (query.before() != null) {
            where = where.and(DSL.row(Runs.CREATED_AT, Runs.ID)
                    .lt(query.before().createdAt().toEpochMilli(), query.before().id()));
        }
        Condition matching = where;
        return database.attempt("listing runs", () -> database.dsl().selectFrom(Runs.TABLE).where(matching)
                .orderBy(Runs.CREATED_AT.desc(), Runs.ID.desc())
                .limit(query.limit())
                .fetch(JooqRunLog::run));
    }

    @Override
    public List<Run> ofMessage(String messageId) {
        return database.attempt("reading the runs of message " + messageId, () -> database.dsl()
                .selectFrom(Runs.TABLE).where(Runs.MESSAGE_ID.eq(messageId))
                .orderBy(Runs.ATTEMPT, Runs.CREATED_AT, Runs.ID)
                .fetch(JooqRunLog::run));
    }

    @Override
    public Map<String, LatestRun> latest(Collection<String> messageIds) {
        Map<String, LatestRun> latest = new HashMap<>();
        Map<String, Long> createdAt = new HashMap<>();
        List<String> all = List.copyOf(messageIds);
        for (int from = 0; from < all.size(); from += MESSAGE_CHUNK) {
            List<String> ids = all.subList(from, Math.min(all.size(), from + MESSAGE_CHUNK));
            // Every run of the messages, without bodies: a message has a few, and ordering them here is portable.
            database.attempt("reading the latest runs of messages", () -> database.dsl()
                    .select(Runs.MESSAGE_ID, Runs.ID, Runs.ATTEMPT, Runs.CREATED_AT, Runs.OUTCOME, Runs.ERROR)
                    .from(Runs.TABLE).where(Runs.MESSAGE_ID.in(ids))
                    .fetch().forEach(r -> {
                        LatestRun run = new LatestRun(r.value1(), r.value2(), r.value3(),
                                Outcome.fromWord(r.value5()).orElseThrow(), r.value6());
                        LatestRun before = latest.get(run.messageId());
                        if (before == null || later(run, r.value4(), before, createdAt.get(run.messageId()))) {
                            latest.put(run.messageId(), run);
                            createdAt.put(run.messageId(), r.value4());
                        }
                    }));
        }
        return latest;
    }

    /** In the order of {@link #ofMessage}: attempt, then creation, then id. */
    private static boolean later(LatestRun run, long created, LatestRun than, long thanCreated) {
        if (run.attempt() != than.attempt()) {
            return run.attempt() > than.attempt();
        }
        if (created != thanCreated) {
            return created > thanCreated;
        }
        return run.runId().compareTo(than.runId()) > 0;
    }

    @Override
    public boolean bodiesPurged(String id) {
        return database.attempt("reading run " + id, () -> Boolean.TRUE.equals(database.dsl()
                .select(Runs.BODIES_PURGED).from(Runs.TABLE).where(Runs.ID.eq(id))
                .fetchOne(Runs.BODIES_PURGED)));
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int batch) {
        long before = cutoff.toEpochMilli();
        int deleted = 0;
        long afterTime = Long.MIN_VALUE;
        String afterId = "";
        while (true) {
            long fromTime = afterTime;
            String fromId = afterId;
            // Oldest first, from where the last batch stopped: runs kept (a message still queued, or with a newer
            // run) are passed over once, not read again by every batch.
            var oldest = database.attempt("reading old runs", () -> database.dsl()
                    .select(Runs.CREATED_AT, Runs.ID, Runs.MESSAGE_ID).from(Runs.TABLE)
                    .where(Runs.CREATED_AT.lt(before))
                    .and(DSL.row(Runs.CREATED_AT, Runs.ID).gt(fromTime, fromId))
                    .orderBy(Runs.CREATED_AT, Runs.ID)
                    .limit(batch)
                    .fetch());
            if (oldest.isEmpty()) {
                return deleted;
            }
            List<String> messages = oldest.stream().map(r -> r.value3()).distinct().toList();
            deleted += database.inTransaction(tx -> tx.attempt("deleting old runs", () -> {
                var newer = Runs.TABLE.as("newer");
                Field<String> newerMessage = DSL.field(DSL.name("newer", Runs.MESSAGE_ID.getName()), String.class);
                Field<Long> newerCreated = DSL.field(DSL.name("newer", Runs.CREATED_AT.getName()), Long.class);
                return database.dsl(tx).deleteFrom(Runs.TABLE)
                        .where(Runs.MESSAGE_ID.in(messages))
                        .and(Runs.MESSAGE_ID.notIn(DSL.select(newerMessage).from(newer)
                                .where(newerMessage.in(messages)).and(newerCreated.ge(before))))
                        .and(Runs.MESSAGE_ID.notIn(DSL.select(Outbox.MESSAGE_ID).from(Outbox.TABLE)
                                .where(Outbox.MESSAGE_ID.in(messages))))
                        .execute();
            }));
            if (oldest.size() < batch) {
                return deleted;
            }
            afterTime = oldest.get(oldest.size() - 1).value1();
            afterId = oldest.get(oldest.size() - 1).value2();
        }
    }

    private static Run run(Record r) {
        RenderedRequest request = new RenderedRequest(r.get(Runs.REQUEST_METHOD), r.get(Runs.REQUEST_URL),
                RequestJson.readHeaders(r.get(Runs.REQUEST_HEADERS)), r.get(Runs.REQUEST_BODY));
        Integer status = r.get(Runs.RESPONSE_STATUS);
        Response response = status == null ? null : new Response(status,
                RequestJson.readMap(r.get(Runs.RESPONSE_HEADERS)), r.get(Runs.RESPONSE_BODY));
        return new Run(r.get(Runs.ID), r.get(Runs.WEBHOOK), r.get(Runs.REVISION), r.get(Runs.EVENT_ID),
                r.get(Runs.EVENT_TYPE), r.get(Runs.MESSAGE_ID), r.get(Runs.MODE), r.get(Runs.ATTEMPT), request,
                SecretNames.split(r.get(Runs.SIGNING_SECRETS)),
                response, Duration.ofMillis(r.get(Runs.DURATION_MS)), Outcome.fromWord(r.get(Runs.OUTCOME)).orElseThrow(),
                r.get(Runs.ERROR), Instant.ofEpochMilli(r.get(Runs.CREATED_AT)), r.get(Runs.NODE),
                Boolean.TRUE.equals(r.get(Runs.CAPTURED)));
    }
}
