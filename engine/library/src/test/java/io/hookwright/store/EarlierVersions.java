package io.hookwright.store;

import io.hookwright.testdb.Backend;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Databases as the engine of an earlier version left them: the frozen steps up to that version, nothing after. */
final class EarlierVersions {
    private EarlierVersions() {
    }

    static Dialect dialect(Backend backend) {
        return switch (backend) {
            case SQLITE -> Dialect.SQLITE;
            case POSTGRES -> Dialect.POSTGRES;
        };
    }

    /** Brings the database at {@code url} to {@code version} through the steps as released. */
    static void migrate(Backend backend, String url, int version) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            Dialect dialect = dialect(backend);
            Migrations.apply(DSL.using(connection, dialect.sql()), dialect, url, version);
        }
    }

    /** Every released version before the current one. */
    static IntStream released() {
        return IntStream.range(1, Migrations.latest());
    }

    /** Each backend with each version in {@code versions}. */
    static Stream<org.junit.jupiter.params.provider.Arguments> onEachBackend(IntStream versions) {
        int[] all = versions.toArray();
        return Stream.of(Backend.values()).flatMap(backend -> IntStream.of(all)
                .mapToObj(version -> org.junit.jupiter.params.provider.Arguments.of(backend, version)));
    }
}
