package io.hookwright.dsl.model;

import java.util.Map;

/** A webhook's display name, either one text or one per language (the first language is the default). */
public record Label(Map<String, String> byLanguage) {
    public Label {
        byLanguage = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byLanguage));
    }

    public static Label of(String text) {
        return new Label(Map.of("", text));
    }

    /** The text for a language, falling back to the default. */
    public String text(String language) {
        String text = byLanguage.get(language);
        return text != null ? text : text();
    }

    /** The default text. */
    public String text() {
        return byLanguage.isEmpty() ? "" : byLanguage.values().iterator().next();
    }
}
