package io.hookwright.render;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rendering puts a reference where a template reads {@code secrets.NAME}; the value goes in only when the
 * request is sent. The reference uses only letters, digits, {@code _} and {@code -}, so JSON, URL and HTML
 * escaping leave it intact.
 */
public final class SecretRefs {
    public static final String MASK = "••••";
    private static final Pattern REF = Pattern.compile("hwsecret-([A-Za-z0-9_]+)-hwsecret");

    private SecretRefs() {
    }

    public static String ref(String name) {
        return "hwsecret-" + name + "-hwsecret";
    }

    public static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = REF.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    public static String mask(String text) {
        return replace(text, name -> MASK);
    }

    static String replace(String text, Function<String, String> value) {
        if (text == null) {
            return null;
        }
        return REF.matcher(text).replaceAll(m -> Matcher.quoteReplacement(value.apply(m.group(1))));
    }
}
