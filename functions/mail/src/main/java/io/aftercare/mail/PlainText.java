package io.aftercare.mail;

import java.util.regex.Pattern;

/** Line-level clean-up shared by the plain-text and the HTML bodies. */
final class PlainText {

    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00a0]+\\n");
    private static final Pattern BLANK_RUNS = Pattern.compile("\\n{3,}");

    private PlainText() {
    }

    /** One kind of line break, no trailing spaces, at most one blank line in a row, no blank lines around. */
    static String tidy(String text) {
        var unified = text.replace("\r\n", "\n").replace('\r', '\n') + "\n";
        unified = TRAILING_SPACE.matcher(unified).replaceAll("\n");
        unified = BLANK_RUNS.matcher(unified).replaceAll("\n\n");
        return unified.strip().isEmpty() ? "" : stripBlankLines(unified);
    }

    private static String stripBlankLines(String text) {
        var start = 0;
        while (text.charAt(start) == '\n') {
            start++;
        }
        var end = text.length();
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * RFC 3676 {@code format=flowed}: a line ending in a space continues on the next one (Apple Mail and Thunderbird
     * wrap that way), unless it is the signature delimiter or the quote depth changes; {@code delsp=yes} drops that space.
     */
    static String unflow(String text, boolean delSp) {
        var out = new StringBuilder();
        var lines = text.replace("\r\n", "\n").split("\n", -1);
        var previousFlowed = false;
        var previousDepth = 0;
        for (var raw : lines) {
            var depth = 0;
            while (depth < raw.length() && raw.charAt(depth) == '>') {
                depth++;
            }
            var line = raw.substring(depth);
            if (line.startsWith(" ")) {
                line = line.substring(1); // space-stuffing
            }
            var joins = previousFlowed && depth == previousDepth;
            if (!joins && !out.isEmpty()) {
                out.append('\n');
            }
            if (!joins && depth > 0) {
                out.append(">".repeat(depth)).append(' ');
            }
            var flowed = line.endsWith(" ") && !line.equals("-- ");
            out.append(flowed && delSp ? line.substring(0, line.length() - 1) : line);
            previousFlowed = flowed;
            previousDepth = depth;
        }
        return out.toString();
    }
}
