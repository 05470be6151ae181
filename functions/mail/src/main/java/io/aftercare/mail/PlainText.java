package io.aftercare.mail;

/** Line-level clean-up shared by the plain-text and the HTML bodies. */
final class PlainText {

    private PlainText() {
    }

    /** One kind of line break, no trailing spaces, at most one blank line in a row, no blank lines around. */
    static String tidy(String text) {
        var out = new StringBuilder(text.length());
        var blankLines = 0;
        var start = 0;
        var length = text.length();
        while (start <= length) {
            var end = start;
            while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            var last = end;
            while (last > start && isTrailingSpace(text.charAt(last - 1))) {
                last--;
            }
            if (last == start) {
                blankLines++;
            } else {
                if (!out.isEmpty()) {
                    out.append(blankLines > 0 ? "\n\n" : "\n");
                }
                out.append(text, start, last);
                blankLines = 0;
            }
            // \r\n is one break
            start = end + (end + 1 < length && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n' ? 2 : 1);
        }
        return out.toString();
    }

    private static boolean isTrailingSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0';
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
