package io.hookwright.dsl.write;

/** The line break a file uses, taken from its first line; {@code \n} for a file of one line. */
record LineEndings(String lineBreak) {
    static LineEndings of(String text) {
        int first = text.indexOf('\n');
        return new LineEndings(first > 0 && text.charAt(first - 1) == '\r' ? "\r\n" : "\n");
    }

    /** The text with every line break made this one. */
    String apply(String text) {
        String plain = text.replace("\r\n", "\n");
        return lineBreak.equals("\n") ? plain : plain.replace("\n", lineBreak);
    }
}
