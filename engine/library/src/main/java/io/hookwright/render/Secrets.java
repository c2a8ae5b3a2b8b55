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
 */
public final class Secrets {
    public static final String ENV_PREFIX = "HOOKWRIGHT_SECRET_";
    /**
     * Values shorter than this are not masked in free text: a value such as {@code 1} or {@code true} would turn up
     * in every other word of a response and make it unreadable, and a value that short protects nothing anyway.
     * Six characters keep ordinary words and numbers intact; real tokens are far longer.
     */
    public static final int MIN_MASKED_LENGTH = 6;
    private final Map<String, String> values;
    /**
     * Every form in which a value may come back (as is, without the spaces or newline around it, URL-encoded,
     * JSON-escaped), longest first.
     */
    private final List<String> forms;

    private Secrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
        Set<String> forms = new LinkedHashSet<>();
        this.values.values().stream().filter(v -> v != null).flatMap(v -> Stream.of(v, v.strip()))
                .filter(v -> v.length() >= MIN_MASKED_LENGTH).forEach(v -> forms.addAll(forms(v)));
        this.forms = forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
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
        return forms.isEmpty() ? 0 : forms.get(0).length();
    }

    /**
     * {@code text} with every secret value (of at least {@value #MIN_MASKED_LENGTH} characters), in any of the
     * forms it may come back in, replaced by {@link SecretRefs#MASK}.
     */
    public String scrub(String text) {
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
        return new Secrets(Map.of());
    }

    public static Secrets of(Map<String, String> values) {
        return new Secrets(values);
    }

    /** Environment variables first, then the file when one is given. */
    public static Secrets load(Map<String, String> environment, Path file) throws IOException {
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
        return new Secrets(values);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    @Override
    public String toString() {
        return "Secrets" + values.keySet();
    }
}
