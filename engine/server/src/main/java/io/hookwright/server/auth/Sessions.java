package io.hookwright.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The web page's sessions, kept in this node's memory: the cookie holds a random session id, the server what it
 * stands for. Only a successful login makes one, so callers without a token cannot grow this; ids are kept as
 * SHA-256 digests, so the map holds nothing a cookie could be made from.
 */
public final class Sessions {
    /** The cookie that carries the session id. */
    public static final String COOKIE = "hookwright_session";
    /** A session not used for this long ends: an operator who walked away is signed out. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** A session ends this long after its login however busy it is, so a stolen cookie is worth this at most. */
    public static final Duration ABSOLUTE = Duration.ofHours(8);
    /** The most sessions kept at once; a login beyond it ends the least recently used one. */
    public static final int MAX_LIVE = 1_000;
    /** 256 random bits per id and per CSRF token. */
    private static final int RANDOM_BYTES = 32;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byDigest = new HashMap<>();

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A session just made by a login, with the id for its cookie (kept nowhere else). */
    public record Opened(String id, Session session) {
    }

    /** A new session for a caller who has just signed in, with a new id (a login never keeps an old one). */
    public synchronized Opened open(Caller caller) {
        Instant now = clock.instant();
        byDigest.values().removeIf(s -> s.expiredAt(now));
        while (byDigest.size() >= MAX_LIVE) {
            byDigest.entrySet().stream().min(Comparator.comparing(e -> e.getValue().lastUsed()))
                    .map(Map.Entry::getKey).ifPresent(byDigest::remove);
        }
        String id = randomText();
        Session session = new Session(caller, randomText(), now, now);
        byDigest.put(digest(id), session);
        return new Opened(id, session);
    }

    /** The live session a cookie's id stands for, now marked used; an expired one ends here. */
    public synchronized Optional<Session> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String key = digest(id);
        Session session = byDigest.get(key);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (session.expiredAt(now)) {
            byDigest.remove(key);
            return Optional.empty();
        }
        Session used = session.used(now);
        byDigest.put(key, used);
        return Optional.of(used);
    }

    /** Ends a session (a logout); an unknown id changes nothing. */
    public synchronized void end(String id) {
        if (id != null) {
            byDigest.remove(digest(id));
        }
    }

    /** How many sessions are kept, expired ones not yet dropped included. */
    public synchronized int live() {
        return byDigest.size();
    }

    private String randomText() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String digest(String id) {
        return HexFormat.of().formatHex(Tokens.digest(id));
    }

    /** Whether a form's token is its session's, compared in constant time. */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
