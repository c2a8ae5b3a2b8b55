package io.hookwright.dsl.write;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Edits a definition file in place, one {@code webhook('code') { … }} block at a time. The block is found by
 * Groovy's parser, never by counting braces, and everything outside it stays as it was, byte for byte: comments,
 * other webhooks, blank lines, line endings. A new block is written with the file's line endings ({@code \r\n} when
 * its first line ends so). Only blocks at the file's top level whose code is one literal text can be edited.
 */
public final class WebhookBlocks {
    /** After a block, on its last line: nothing, a semicolon or a line comment (which goes with the block). */
    private static final Pattern REST_OF_LINE = Pattern.compile("[ \\t]*;?[ \\t]*(//[^\\n]*)?\\r?");
    private static final Pattern BLANK = Pattern.compile("[ \\t\\r]*");

    private WebhookBlocks() {
    }

    /** Where the webhook's block is in the file's text. */
    public static Lookup find(String text, String code) {
        SourceBlocks.Scan scan = SourceBlocks.scan(text);
        if (scan.problem() != null) {
            return scan.problem();
        }
        List<SourceBlocks.Block> same = scan.blocks().stream().filter(b -> b.code().equals(code)).toList();
        if (same.isEmpty()) {
            return new UnknownCode(code, scan.blocks().stream().map(SourceBlocks.Block::code).toList());
        }
        if (same.size() > 1) {
            return new DuplicateCode(code, same.stream().map(SourceBlocks.Block::line).toList());
        }
        SourceBlocks.Block block = same.get(0);
        return new Lookup.Found(code, block.start(), block.end(), block.line(),
                text.substring(block.start(), block.end()));
    }

    /**
     * The file with the webhook's block replaced by {@code block} (one {@code webhook('…') { … }} statement, such as
     * {@link WebhookPrinter} prints; it may carry another code).
     *
     * @throws IllegalArgumentException when {@code block} is not one webhook block
     */
    public static Edit replace(String text, String code, String block) {
        String written = LineEndings.of(text).apply(checked(block).text());
        return switch (find(text, code)) {
            case Lookup.Found found -> new Edit.Edited(text.substring(0, found.start()) + written
                    + text.substring(found.end()));
            case UnknownCode unknown -> unknown;
            case DuplicateCode duplicate -> duplicate;
            case Unparsable problem -> problem;
        };
    }

    /**
     * The file without the webhook's block. A block alone on its lines goes with those lines (its own line break, a
     * comment after its closing brace) and, when blank lines were on both sides of it, with one of them, so the
     * webhooks around it stay one blank line apart.
     */
    public static Edit remove(String text, String code) {
        return switch (find(text, code)) {
            case Lookup.Found found -> new Edit.Edited(without(text, found.start(), found.end()));
            case UnknownCode unknown -> unknown;
            case DuplicateCode duplicate -> duplicate;
            case Unparsable problem -> problem;
        };
    }

    /**
     * The file with {@code block} added at its end, after a blank line. The file must parse, and must not have a
     * block of the same code yet.
     *
     * @throws IllegalArgumentException when {@code block} is not one webhook block
     */
    public static Edit append(String text, String block) {
        NewBlock added = checked(block);
        SourceBlocks.Scan scan = SourceBlocks.scan(text);
        if (scan.problem() != null) {
            return scan.problem();
        }
        List<Integer> taken = scan.blocks().stream().filter(b -> b.code().equals(added.code()))
                .map(SourceBlocks.Block::line).toList();
        if (!taken.isEmpty()) {
            return new DuplicateCode(added.code(), taken);
        }
        LineEndings endings = LineEndings.of(text);
        StringBuilder out = new StringBuilder(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.append(endings.lineBreak());
        }
        if (!text.isBlank() && !endsWithBlankLine(out)) {
            out.append(endings.lineBreak());
        }
        return new Edit.Edited(out.append(endings.apply(added.text())).append(endings.lineBreak()).toString());
    }

    /** A block to write, without the blank space around it. */
    private record NewBlock(String text, String code) {
    }

    /** The block without the blank space around it; refused unless it is exactly one webhook block. */
    private static NewBlock checked(String block) {
        String stripped = block.strip();
        SourceBlocks.Scan scan = SourceBlocks.scan(stripped);
        if (scan.problem() != null) {
            throw new IllegalArgumentException("the new block does not parse: " + scan.problem().line() + ":"
                    + scan.problem().column() + ": " + scan.problem().message());
        }
        if (scan.blocks().size() != 1 || scan.blocks().get(0).start() != 0
                || scan.blocks().get(0).end() != stripped.length()) {
            throw new IllegalArgumentException("the new block must be one webhook('code') { … } statement and "
                    + "nothing else");
        }
        return new NewBlock(stripped, scan.blocks().get(0).code());
    }

    private static String without(String text, int start, int end) {
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = text.indexOf('\n', end);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd;
        boolean ownLines = BLANK.matcher(text.substring(lineStart, start)).matches()
                && REST_OF_LINE.matcher(text.substring(end, lineEnd)).matches();
        if (!ownLines) {
            return text.substring(0, start) + text.substring(end);
        }
        int from = lineStart;
        int to = Math.min(lineEnd + 1, text.length());
        boolean blankBefore = from == 0 || blank(text, text.lastIndexOf('\n', from - 2) + 1, from - 1);
        boolean blankAfter = to == text.length() || blank(text, to, lineEndAt(text, to));
        if (blankBefore && blankAfter) {
            if (to < text.length()) {
                to = Math.min(lineEndAt(text, to) + 1, text.length());
            } else if (from > 0) {
                from = text.lastIndexOf('\n', from - 2) + 1;
            }
        }
        return text.substring(0, from) + text.substring(to);
    }

    private static int lineEndAt(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private static boolean blank(String text, int from, int to) {
        return BLANK.matcher(text.substring(from, to)).matches();
    }

    private static boolean endsWithBlankLine(CharSequence text) {
        String s = text.toString();
        int last = s.lastIndexOf('\n', s.length() - 2);
        return blank(s, last + 1, s.length() - 1);
    }
}
