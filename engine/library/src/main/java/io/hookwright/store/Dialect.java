package io.hookwright.store;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectForUpdateStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * What differs between the databases the engine runs on, in one place. Everything else (the schema, every store's
 * statements) is written once in jOOQ's DSL and rendered for the dialect; only the migrations are SQL per dialect,
 * frozen as released (see {@link Migrations}).
 */
public enum Dialect {
    /** One engine process; one writer at a time, so a claim needs no row locks. */
    SQLITE(SQLDialect.SQLITE) {
        @Override
        public Condition firstUnlocked(Table<?> table, Condition where, OrderField<?> order,
                                       Field<? extends Number> limit) {
            Field<Object> row = DSL.field(DSL.name("rowid"));
            return row.in(DSL.select(row).from(table).where(where).orderBy(order).limit(limit));
        }

        @Override
        public <R extends Record> Select<R> sharing(SelectForUpdateStep<R> select) {
            return select;
        }

        @Override
        public <R extends Record> Select<R> locking(SelectForUpdateStep<R> select) {
            return select;
        }

        @Override
        void holdingMigrationLock(DSLContext dsl, Runnable migrate) {
            // A migration's transaction takes SQLite's one write lock; concurrent starters wait for it.
            migrate.run();
        }
    },
    /**
     * Several engine nodes: a claim locks the rows it picks and skips those another node's claim has locked, so
     * claims run side by side instead of queueing on one another.
     */
    POSTGRES(SQLDialect.POSTGRES) {
        @Override
        public Condition firstUnlocked(Table<?> table, Condition where, OrderField<?> order,
                                       Field<? extends Number> limit) {
            Field<Object> row = DSL.field(DSL.name("ctid"));
            return row.eq(DSL.any(DSL.array(DSL.select(row).from(table).where(where).orderBy(order).limit(limit)
                    .forUpdate().skipLocked())));
        }

        @Override
        public <R extends Record> Select<R> sharing(SelectForUpdateStep<R> select) {
            return select.forShare();
        }

        @Override
        public <R extends Record> Select<R> locking(SelectForUpdateStep<R> select) {
            return select.forUpdate();
        }

        @Override
        void holdingMigrationLock(DSLContext dsl, Runnable migrate) {
            Field<Long> key = DSL.val(MIGRATION_LOCK);
            dsl.select(DSL.function("pg_advisory_lock", SQLDataType.OTHER, key)).execute();
            try {
                migrate.run();
            } finally {
                dsl.select(DSL.function("pg_advisory_unlock", SQLDataType.BOOLEAN, key)).execute();
            }
        }
    };

    /** The advisory lock nodes starting at once take in turn, so each migration runs once. */
    private static final long MIGRATION_LOCK = 0x686f6f6b77726967L;

    private final SQLDialect sql;

    Dialect(SQLDialect sql) {
        this.sql = sql;
    }

    public SQLDialect sql() {
        return sql;
    }

    /**
     * For an update: the first {@code limit} rows of {@code table} in {@code order} that {@code where} matches and
     * no other transaction has locked; they are locked now, and locked ones are passed over instead of waited for.
     * On PostgreSQL {@code ctid = ANY(ARRAY(SELECT ctid … FOR UPDATE SKIP LOCKED))}: the select runs once, and the
     * update keeps the rows at the locations it locked. (Joined back by key instead, {@code key IN (SELECT key …)},
     * the planner nested the two when its estimate was stale, as after the table had been small, comparing every key
     * with every other: four seconds for 4,000 claims.) SQLite has one writer at a time, so no row is locked by
     * another: the pick is by {@code rowid}.
     */
    public abstract Condition firstUnlocked(Table<?> table, Condition where, OrderField<?> order,
                                            Field<? extends Number> limit);

    /**
     * {@code select}, keeping the rows it reads from being changed or deleted until the transaction ends: on
     * PostgreSQL a shared row lock; SQLite's one writer at a time needs none.
     */
    public abstract <R extends Record> Select<R> sharing(SelectForUpdateStep<R> select);

    /**
     * {@code select}, locking the rows it reads until the transaction ends, so a read-then-write of them is not
     * interleaved with another's: on PostgreSQL {@code FOR UPDATE}; SQLite's one writer at a time needs none.
     */
    public abstract <R extends Record> Select<R> locking(SelectForUpdateStep<R> select);

    /** Runs {@code migrate} while no other process migrates the same database; {@code dsl} is on one connection. */
    abstract void holdingMigrationLock(DSLContext dsl, Runnable migrate);
}
