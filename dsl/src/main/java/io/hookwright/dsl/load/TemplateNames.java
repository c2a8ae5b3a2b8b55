package io.hookwright.dsl.load;

/** Names of template files, as {@code template('…')} and the webhook document give them. */
public final class TemplateNames {
    private TemplateNames() {
    }

    /** What is wrong with a template name, or null: a plain relative path of visible names under templates/. */
    public static String problem(String name) {
        if (name.isBlank()) {
            return "the name is empty";
        }
        if (name.length() > DefinitionLimits.MAX_TEMPLATE_NAME) {
            return "the name is longer than " + DefinitionLimits.MAX_TEMPLATE_NAME + " characters";
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "the name holds a control character";
        }
        if (name.indexOf('\\') >= 0) {
            return "write / between folder names, not \\";
        }
        if (name.startsWith("/")) {
            return "the name must be relative to templates/, not an absolute path";
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
