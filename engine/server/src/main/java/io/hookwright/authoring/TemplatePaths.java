package io.hookwright.authoring;

import io.hookwright.dsl.load.DefinitionFiles;

/** Names of template files a document may give: plain relative paths that stay under {@code templates/}. */
final class TemplatePaths {
    private static final int MAX_NAME = 200;

    private TemplatePaths() {
    }

    /** What is wrong with a name, or null when it is a plain path of visible names under templates/. */
    static String problem(String name) {
        if (name.isBlank()) {
            return "the name is empty";
        }
        if (name.length() > MAX_NAME) {
            return "the name is longer than " + MAX_NAME + " characters";
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "the name holds a control character";
        }
        if (name.indexOf('\\') >= 0) {
            return "write / between folder names, not \\";
        }
        if (name.startsWith("/")) {
            return "the name is relative to templates/, not an absolute path";
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return "the name must stay under templates/ (no '..', '.' or empty part)";
            }
            if (DefinitionFiles.hidden(part)) {
                return "hidden names (starting with '.') are not part of the definitions";
            }
        }
        return null;
    }
}
