package io.hookwright.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A database's schema as text, to compare two databases or one with a checked-in dump: on SQLite every object in
 * {@code sqlite_master} (its SQL with whitespace normalized) and every table's columns; on PostgreSQL the columns
 * from {@code information_schema}, the keys and the indexes. The versions recorded, with their descriptions, too.
 * Nothing that differs between two runs of the same steps (applied times, object ids) is in it.
 */
final class SchemaDump {
    private SchemaDump() {
    }

    static String of(Connection connection, Dialect dialect) throws SQLException {
        List<String> lines = new ArrayList<>();
        if (dialect == Dialect.SQLITE) {
            sqlite(connection, lines);
        } else {
            postgres(connection, lines);
        }
        rows(connection, "select version, description from hw_schema_version order by version", "version", lines);
        return String.join("\n", lines) + "\n";
    }

    private static void sqlite(Connection connection, List<String> lines) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery("select type, name, tbl_name, sql from sqlite_master order by type, name")) {
            while (r.next()) {
                lines.add(r.getString("type") + " " + r.getString("name") + " on " + r.getString("tbl_name") + ": "
                        + normalized(r.getString("sql")));
                if (r.getString("type").equals("table")) {
                    tables.add(r.getString("name"));
                }
            }
        }
        for (String table : tables) {
            rows(connection, "pragma table_xinfo('" + table + "')", "column " + table, lines);
        }
    }

    private static void postgres(Connection connection, List<String> lines) throws SQLException {
        rows(connection, """
                select table_name, ordinal_position, column_name, data_type, character_maximum_length, is_nullable,
                       column_default
                from information_schema.columns where table_schema = current_schema()
                order by table_name, ordinal_position""", "column", lines);
        rows(connection, """
                select tc.table_name, tc.constraint_type, tc.constraint_name, k.ordinal_position, k.column_name
                from information_schema.table_constraints tc
                join information_schema.key_column_usage k
                  on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name
                where tc.table_schema = current_schema()
                order by tc.table_name, tc.constraint_name, k.ordinal_position""", "key", lines);
        rows(connection, """
                select tablename, indexname, indexdef from pg_indexes where schemaname = current_schema()
                order by tablename, indexname""", "index", lines);
    }

    private static void rows(Connection connection, String query, String label, List<String> lines)
            throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet r = statement.executeQuery(query)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringJoiner row = new StringJoiner(" | ", label + ": ", "");
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(r.getObject(i)));
                }
                lines.add(row.toString());
            }
        }
    }

    /** SQLite keeps a statement's text as written: the same statement laid out on several lines reads the same. */
    static String normalized(String sql) {
        return sql == null ? "null" : sql.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").trim();
    }
}
