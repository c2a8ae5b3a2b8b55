package io.hookwright.server.auth;

import io.hookwright.testing.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session store: random ids, expiry on the clock, and a bound on how many it keeps. */
class SessionsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Sessions sessions = new Sessions(clock);
    private final Caller operator = new Caller("operator", EnumSet.of(Scope.RUNS_READ));

    @Test
    void idsAndCsrfTokensAreRandomAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Sessions.Opened opened = sessions.open(operator);
            assertTrue(seen.add(opened.id()));
            assertTrue(seen.add(opened.session().csrf()));
            assertEquals(43, opened.id().length(), "256 bits, URL-safe base64");
        }
    }

    @Test
    void itKeepsAtMostTheLimitAndEndsTheLeastRecentlyUsed() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Sessions.MAX_LIVE; i++) {
            ids.add(sessions.open(operator).id());
            clock.advance(Duration.ofMillis(1));
        }
        sessions.find(ids.get(0));
        clock.advance(Duration.ofMillis(1));
        for (int i = 0; i < 10; i++) {
            sessions.open(operator);
        }

        assertEquals(Sessions.MAX_LIVE, sessions.live());
        assertTrue(sessions.find(ids.get(0)).isPresent(), "used lately, so kept");
        assertFalse(sessions.find(ids.get(1)).isPresent(), "the least recently used made room");
        assertTrue(sessions.find(ids.get(20)).isPresent());
    }

    @Test
    void expiredSessionsAreDroppedAtTheNextLogin() {
        for (int i = 0; i < 100; i++) {
            sessions.open(operator);
        }
        clock.advance(Sessions.IDLE);
        sessions.open(operator);

        assertEquals(1, sessions.live());
    }

    @Test
    void anUnknownOrEndedIdFindsNothing() {
        Sessions.Opened opened = sessions.open(operator);
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find("").isEmpty());
        assertTrue(sessions.find(opened.id() + "x").isEmpty());
        assertTrue(sessions.find(opened.session().csrf()).isEmpty(), "the CSRF token is not an id");
        sessions.end(opened.id());
        assertTrue(sessions.find(opened.id()).isEmpty());
    }

    @Test
    void theCsrfTokenMatchesOnlyItself() {
        Session session = sessions.open(operator).session();
        assertTrue(Sessions.csrfMatches(session, session.csrf()));
        assertFalse(Sessions.csrfMatches(session, null));
        assertFalse(Sessions.csrfMatches(session, ""));
        assertFalse(Sessions.csrfMatches(session, session.csrf() + " "));
    }
}
