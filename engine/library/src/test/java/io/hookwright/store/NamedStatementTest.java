package io.hookwright.store;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A statement rendered once: parameters become placeholders, a list one per value; quoted text is left alone. */
class NamedStatementTest {
    @Test
    void parametersOutsideQuotesBecomePlaceholdersAndAListOnePerValue() {
        NamedStatement statement = NamedStatement.parse(
                "delete from \"t:x\" where id in (:ids) and s = 'a :b' and n::int > :n and w = :w");

        assertEquals("delete from \"t:x\" where id in (?, ?, ?) and s = 'a :b' and n::int > ? and w = ?",
                statement.sql(Map.of("ids", List.of("1", "2", "3"), "n", 5, "w", "x")));
    }

    @Test
    void aQuoteWrittenTwiceStaysInsideItsText() {
        NamedStatement statement = NamedStatement.parse("select 'it''s :no' where a = :a");

        assertEquals("select 'it''s :no' where a = ?", statement.sql(Map.of("a", 1)));
    }

    @Test
    void aStatementWrittenInJooqKeepsItsConstantsAndNamesItsParameters() {
        NamedStatement statement = NamedStatement.of(DSL.using(SQLDialect.SQLITE).deleteFrom(DSL.table("t"))
                .where(DSL.field("id").in(DSL.param("ids"))).and(DSL.field("s").eq(DSL.inline("claimed"))));

        assertEquals("delete from t where (id in (?, ?) and s = 'claimed')",
                statement.sql(Map.of("ids", List.of("a", "b"))));
    }

    @Test
    void aMissingValueOrAnEmptyListIsRefused() {
        NamedStatement statement = NamedStatement.parse("select 1 where id in (:ids)");

        assertThrows(IllegalArgumentException.class, () -> statement.sql(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> statement.sql(Map.of("ids", List.of())));
    }
}
