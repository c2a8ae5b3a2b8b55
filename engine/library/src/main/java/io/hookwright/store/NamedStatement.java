package io.hookwright.store;

import org.jooq.Query;
import org.jooq.conf.ParamType;
import org.jooq.exception.DataAccessException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A statement written in jOOQ's DSL, rendered once with named parameters ({@code DSL.param("worker", String.class)}),
 * and run through JDBC with values given by name: for the statements delivery runs for every batch (claiming,
 * settling), whose rendering by jOOQ took more than the database took to run them. Constants are inlined when it is
 * rendered. A parameter given a collection stands for as many values as it holds, for an {@code IN (…)}.
 */
public final class NamedStatement {
    /** The SQL around the parameters: one more part than there are parameters. */
    private final List<String> parts;
    private final List<String> names;

    private NamedStatement(List<String> parts, List<String> names) {
        this.parts = List.copyOf(parts);
        this.names = List.copyOf(names);
    }

    /** Reads the rows of a result set, one at a time. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Renders {@code query} (built on any {@code DSLContext} of the dialect, never run there). */
    public static NamedStatement of(Query query) {
        return parse(query.getSQL(ParamType.NAMED_OR_INLINED));
    }

    /** Splits {@code sql} at its {@code :name} parameters, outside quoted text and {@code ::} casts. */
    static NamedStatement parse(String sql) {
        List<String> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                while (end > 0 && end + 1 < sql.length() && sql.charAt(end + 1) == c) {
                    end = sql.indexOf(c, end + 2);
                }
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quote in " + sql);
                }
                part.append(sql, i, end + 1);
                i = end + 1;
            } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                part.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                parts.add(part.toString());
                part.setLength(0);
                i = end;
            } else {
                part.append(c);
                i++;
            }
        }
        parts.add(part.toString());
        return new NamedStatement(parts, names);
    }

    /** The SQL to prepare for these values: a collection's parameter written out once per value. */
    public String sql(Map<String, ?> values) {
        StringBuilder sql = new StringBuilder(parts.getFirst());
        for (int p = 0; p < names.size(); p++) {
            Object value = value(values, names.get(p));
            if (value instanceof Collection<?> many) {
                if (many.isEmpty()) {
                    throw new IllegalArgumentException("parameter " + names.get(p) + " has no values");
                }
                sql.append("?, ".repeat(many.size() - 1)).append('?');
            } else {
                sql.append('?');
            }
            sql.append(parts.get(p + 1));
        }
        return sql.toString();
    }

    /** Rows changed. */
    public int execute(Connection connection, Map<String, ?> values) {
        String sql = sql(values);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
        }
    }

    /** Every row the statement gives (a select, or a change {@code RETURNING} rows), read by {@code rows}. */
    public <T> List<T> query(Connection connection, Map<String, ?> values, Rows<T> rows) {
        String sql = sql(values);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            List<T> read = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    read.add(rows.read(result));
                }
            }
            return read;
        } catch (SQLException e) {
            throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
        }
    }

    private void bind(PreparedStatement statement, Map<String, ?> values) throws SQLException {
        int index = 1;
        for (String name : names) {
            Object value = value(values, name);
            if (value instanceof Collection<?> many) {
                for (Object one : many) {
                    statement.setObject(index++, one);
                }
            } else {
                statement.setObject(index++, value);
            }
        }
    }

    private static Object value(Map<String, ?> values, String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no value for parameter " + name);
        }
        return values.get(name);
    }
}
