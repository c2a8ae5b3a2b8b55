package io.hookwright.render;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
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
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    /** What {@code secrets.NAME} gives a template while it renders: valid only with that render's nonce. */
    private static final Pattern PENDING = Pattern.compile("hwref-([A-Za-z0-9]+)-([A-Za-z0-9_]+)-\\1");
    /** DRBG, not the platform default: that one reads the system's random device on every call, once per render. */
    private static final SecureRandom RANDOM = drbg();

    private SecretRefs() {
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    public static String ref(String name) {
        return "hwsecret-" + name + "-hwsecret";
    }

    /** Whether a reference can carry this name (letters, digits and {@code _}). */
    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** A fresh secret for one render, so text coming from the event cannot pass for that render's references. */
    static String nonce() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return HexFormat.of().formatHex(nonce);
    }

    /** The reference a template gets for {@code secrets.NAME} during the render holding {@code nonce}. */
    static String pending(String nonce, String name) {
        return "hwref-" + nonce + "-" + name + "-" + nonce;
    }

    /**
     * A template's output made into stored text: reference syntax that came from elsewhere (event data, which
     * anyone editing the host's entities controls) is defused first, so it can never name a secret; then this
     * render's own references become real ones.
     */
    static String seal(String text, String nonce) {
        if (text == null) {
            return null;
        }
        String defused = text.replace("hwsecret", "hw_secret");
        return PENDING.matcher(defused).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).equals(nonce) ? ref(m.group(2)) : m.group()));
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

    /** {@code text} with each reference replaced by what {@code value} gives for its secret's name. */
    public static String replace(String text, Function<String, String> value) {
        if (text == null) {
            return null;
        }
        return REF.matcher(text).replaceAll(m -> Matcher.quoteReplacement(value.apply(m.group(1))));
    }
}
