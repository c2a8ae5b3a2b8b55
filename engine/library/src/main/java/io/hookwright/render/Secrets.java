package io.hookwright.render;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where secret values come from: {@code HOOKWRIGHT_SECRET_<NAME>} environment variables, then a secrets file
 * ({@code NAME=value} lines). Values are only read when a request is sent; they are never stored or shown:
 * {@link #scrub} takes them out of any text that came back from a send (errors, response headers and bodies).
 * Secrets loaded from the environment and a file are read again by {@link #reread} (on every reload), so that a
 * secret added or rotated needs no restart; a value rotated away is still masked.
 */
public final class Secrets {
    public static final String ENV_PREFIX = "HOOKWRIGHT_SECRET_";
    /**
     * Values shorter than this are not masked in free text: a value such as {@code 1} or {@code true} would turn up
     * in every other word of a response and make it unreadable, and a value that short protects nothing anyway.
     * Six characters keep ordinary words and numbers intact; real tokens are far longer.
     */
    public static final int MIN_MASKED_LENGTH = 6;
    /** The values and their masked forms, swapped whole when read again. */
    private record Values(Map<String, String> values, List<String> forms) {
    }

    private final Map<String, String> environment;
    private final Path file;
    private volatile Values current;

    private Secrets(Map<String, String> values, Map<String, String> environment, Path file) {
        this.environment = environment;
        this.file = file;
        this.current = values(values, List.of());
    }

    /**
     * Every form in which a value may come back (as is, without the spaces or newline around it, URL-encoded,
     * JSON-escaped), longest first; with the forms of values read before, which a response may still echo.
     */
    private static Values values(Map<String, String> read, List<String> before) {
        Map<String, String> values = Map.copyOf(read);
        Set<String> forms = new LinkedHashSet<>(before);
        values.values().stream().flatMap(v -> Stream.of(v, v.strip()))
                .filter(v -> v.length() >= MIN_MASKED_LENGTH).forEach(v -> forms.addAll(forms(v)));
        return new Values(values, forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    private static List<String> forms(String value) {
        String encoded = PercentEncoding.encode(value);
        return List.of(value, encoded, lowerHex(encoded),
                URLEncoder.encode(value, StandardCharsets.UTF_8),
                new String(JsonStringEncoder.getInstance().quoteAsString(value)));
    }

    private static String lowerHex(String encoded) {
        StringBuilder out = new StringBuilder(encoded);
        for (int i = out.indexOf("%"); i >= 0 && i + 2 < out.length(); i = out.indexOf("%", i + 1)) {
            out.setCharAt(i + 1, Character.toLowerCase(out.charAt(i + 1)));
            out.setCharAt(i + 2, Character.toLowerCase(out.charAt(i + 2)));
        }
        return out.toString();
    }

    /** The length of the longest form of a value that {@link #scrub} masks; 0 when there is none. */
    public int longestMasked() {
        List<String> forms = current.forms();
        return forms.isEmpty() ? 0 : forms.get(0).length();
    }

    /**
     * {@code text} with every secret value (of at least {@value #MIN_MASKED_LENGTH} characters), in any of the
     * forms it may come back in, replaced by {@link SecretRefs#MASK}.
     */
    public String scrub(String text) {
        List<String> forms = current.forms();
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String out = text;
        for (String form : forms) {
            if (out.contains(form)) {
                out = out.replace(form, SecretRefs.MASK);
            }
        }
        return out;
    }

    public static Secrets none() {
        return new Secrets(Map.of(), null, null);
    }

    public static Secrets of(Map<String, String> values) {
        return new Secrets(values, null, null);
    }

    /** Environment variables first, then the file when one is given. */
    public static Secrets load(Map<String, String> environment, Path file) throws IOException {
        Map<String, String> env = Map.copyOf(environment);
        return new Secrets(read(env, file), env, file);
    }

    /**
     * Reads the file (and the environment captured at start) again, when these secrets came from them; on a file
     * that cannot be read, the values read before stay and the error is thrown.
     */
    public void reread() throws IOException {
        if (environment != null) {
            Values before = current;
            current = values(read(environment, file), before.forms());
        }
    }

    private static Map<String, String> read(Map<String, String> environment, Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                values.put(name.substring(ENV_PREFIX.length()), value);
            }
        });
        return values;
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(current.values().get(name));
    }

    public boolean has(String name) {
        return current.values().containsKey(name);
    }

    @Override
    public String toString() {
        return "Secrets" + current.values().keySet();
    }
}
