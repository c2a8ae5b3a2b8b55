package io.hookwright.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens the server accepts. Only SHA-256 digests are kept, so the tokens file holds no secret and a token
 * is never in memory longer than a request. A tokens file has one token per line:
 * <pre>
 * # name   scopes...                     sha256 of the token
 * ci-bot   events:write                  sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * operator runs:read runs:redeliver webhooks:read webhooks:write sha256:…
 * anna     &lt;anna.doe@company.com&gt; webhooks:read webhooks:write sha256:…
 * </pre>
 * An e-mail in angle brackets after the name is optional: commits made for that token carry it.
 * {@code HOOKWRIGHT_ADMIN_TOKEN}, when set, is one more token with scope {@code admin}.
 */
public final class Tokens {
    public static final String ADMIN_ENV = "HOOKWRIGHT_ADMIN_TOKEN";
    private static final String PREFIX = "sha256:";

    private record Entry(String name, byte[] digest, Set<Scope> scopes, String email) {
        Entry(String name, byte[] digest, Set<Scope> scopes) {
            this(name, digest, scopes, "");
        }
    }

    private final List<Entry> entries;

    private Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A tokens file that does not parse: every mistake, each with its line. */
    public static final class TokensFileException extends Exception {
        public TokensFileException(String message) {
            super(message);
        }
    }

    /**
     * @param file        a tokens file, or null
     * @param adminToken  the value of {@code HOOKWRIGHT_ADMIN_TOKEN}, or null
     */
    public static Tokens load(Path file, String adminToken) throws IOException, TokensFileException {
        List<Entry> entries = new ArrayList<>();
        if (file != null) {
            entries.addAll(parse(file, Files.readAllLines(file, StandardCharsets.UTF_8)));
        }
        if (adminToken != null && !adminToken.isBlank()) {
            entries.add(new Entry(ADMIN_ENV, digest(adminToken), EnumSet.of(Scope.ADMIN)));
        }
        return new Tokens(entries);
    }

    static List<Entry> parse(Path file, List<String> lines) throws TokensFileException {
        List<Entry> entries = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = file + ":" + (i + 1) + ": ";
            String[] parts = line.split("\\s+");
            if (parts.length < 3 || !parts[parts.length - 1].startsWith(PREFIX)) {
                errors.add(at + "write: NAME SCOPE... sha256:HEX (the SHA-256 of the token in hex)");
                continue;
            }
            String hex = parts[parts.length - 1].substring(PREFIX.length());
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                errors.add(at + "the digest must be 64 hex digits after sha256:");
                continue;
            }
            int first = 1;
            String email = "";
            if (parts[1].startsWith("<")) {
                if (!parts[1].matches("<[^<>\\s]+@[^<>\\s]+>")) {
                    errors.add(at + "'" + parts[1] + "' is not an e-mail: write it as <name@example.com> after the name");
                    continue;
                }
                email = parts[1].substring(1, parts[1].length() - 1);
                first = 2;
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (int s = first; s < parts.length - 1; s++) {
                Optional<Scope> scope = Scope.fromWord(parts[s]);
                if (scope.isEmpty()) {
                    errors.add(at + "unknown scope '" + parts[s] + "': use " + Scope.all());
                } else {
                    scopes.add(scope.get());
                }
            }
            entries.add(new Entry(parts[0], HexFormat.of().parseHex(hex.toLowerCase()), scopes, email));
        }
        if (!errors.isEmpty()) {
            throw new TokensFileException(String.join("\n", errors));
        }
        return entries;
    }

    public static Tokens of(String name, String token, Set<Scope> scopes) {
        return new Tokens(List.of(new Entry(name, digest(token), scopes)));
    }

    public Tokens and(String name, String token, Set<Scope> scopes) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(new Entry(name, digest(token), scopes));
        return new Tokens(more);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The caller a token belongs to. Every entry is compared, in constant time, whatever matches first. */
    public Optional<Caller> authenticate(String token) {
        byte[] presented = digest(token);
        Entry found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(presented, entry.digest()) && found == null) {
                found = entry;
            }
        }
        return Optional.ofNullable(found).map(e -> new Caller(e.name(), e.scopes(), e.email()));
    }

    /** A new random token, e.g. for {@code hookwright token}: {@code hwt_} and 43 URL-safe characters. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "hwt_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The line of a tokens file for a token. */
    public static String line(String name, Set<Scope> scopes, String token) {
        return line(name, "", scopes, token);
    }

    /** The line of a tokens file for a token whose commits carry {@code email} (none when empty). */
    public static String line(String name, String email, Set<Scope> scopes, String token) {
        StringBuilder line = new StringBuilder(name);
        if (email != null && !email.isBlank()) {
            line.append(" <").append(email.strip()).append('>');
        }
        scopes.forEach(s -> line.append(' ').append(s.word()));
        return line.append(' ').append(PREFIX).append(HexFormat.of().formatHex(digest(token))).toString();
    }

    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
