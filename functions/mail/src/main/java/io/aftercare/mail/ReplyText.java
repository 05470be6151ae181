package io.aftercare.mail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The new text of a reply: what comes before the quoted history (a mail client's attribution line, Outlook's header
 * block or "Original Message" rule, {@code >} quoting) and before the signature ({@code -- }, "Sent from my iPhone"),
 * in English, Russian, Romanian and Polish as Gmail, Outlook and Apple Mail write them.
 */
final class ReplyText {

    /** Unicode classes: Gmail writes "2025\u202Fг." with a narrow no-break space, which {@code \\s} must match. */
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
    /** Gmail and Apple Mail in English: "On Tue, Dec 1, 2026 at 10:00 AM Ann <ann@example.com> wrote:". */
    private static final Pattern ON_WROTE = Pattern.compile("^On\\s.{4,300}\\swrote\\s?:$", FLAGS);
    /**
     * The attribution's verb in each language, the line naming a date or an address: "... написал(а):",
     * "... napisał(a):", "... a scris:", and Apple Mail's Polish "Wiadomość napisana przez ... w dniu ...:".
     */
    private static final Pattern WROTE = Pattern.compile(
            "^(?=.*[\\d@]).{4,300}\\s(wrote|writes|написал\\(а\\)|написала|написал|пишет|napisał\\(a\\)|napisała|napisał|"
                    + "a scris|scrie)\\s?:$|^Wiadomość napisana przez .{2,300} w dniu .{4,80}:$", FLAGS);
    /** Gmail in Russian names no verb: "пн, 1 дек. 2026 г. в 10:00, Иван Петров <ivan@example.ru>:". */
    private static final Pattern RU_GMAIL = Pattern.compile("^.{0,40}\\d{4}\\s?г\\.,?\\sв\\s\\d{1,2}:\\d{2}.{0,200}:$", FLAGS);
    private static final Pattern ORIGINAL = Pattern.compile(
            "^-{2,}\\s*(Original Message|Original message|Исходное сообщение|Mesaj original|Mesajul original|"
                    + "Wiadomość oryginalna|Oryginalna wiadomość)\\s*-{2,}$", FLAGS);
    /** Outlook's block: a "From:" line followed closely by a "Sent:" (or "Date:") line, in each language. */
    private static final Pattern OUTLOOK_FROM = Pattern.compile("^\\*?(From|От|Od|De la|De)\\s?:\\*?\\s*\\S.*$", FLAGS);
    private static final Pattern OUTLOOK_SENT = Pattern.compile(
            "^\\*?(Sent|Date|Отправлено|Дата|Wysłano|Wysłane|Data|Trimis)\\s?:\\*?\\s*\\S.*$", FLAGS);
    private static final Pattern RULE = Pattern.compile("^(_{8,}|-{8,})$");
    private static final Pattern SIGNATURE = Pattern.compile("^-- ?$");
    /** A device or app line: short, and no clause of its own ("Sent from the shop on Monday, ..." is prose). */
    private static final Pattern MOBILE = Pattern.compile(
            "^(Sent from|Sent via|Get Outlook for|Отправлено с|Отправлено из|Wysłane z|Wysłano z|Trimis de pe|Trimis din|"
                    + "Trimis de la)(\\s[^,;:!?]{0,50})?$", FLAGS);
    /** How a wrapped attribution's first line begins: "On" (or its Romanian and Polish forms), a date, a weekday ("pon.,"). */
    private static final Pattern ATTRIBUTION_START = Pattern.compile("^(On|Pe|În|Dnia|W dniu|Wiadomość)\\s|^\\d|^\\p{L}{2,4}\\.?,\\s", FLAGS);
    private static final int HEADER_LINES = 3;
    private static final int OUTLOOK_GAP = 5;

    private ReplyText() {
    }

    /** {@code full} is tidied text (see {@link PlainText#tidy}). */
    static String newText(String full) {
        return PlainText.tidy(String.join("\n", withoutSignature(withoutHistory(Arrays.asList(full.split("\n", -1))))));
    }

    /** Where the history begins, and where its header ends; after an attribution only the {@code >} lines are history. */
    private record Boundary(int start, int end, boolean attribution) {
    }

    private static List<String> withoutHistory(List<String> lines) {
        var boundary = historyStart(lines);
        if (boundary == null) {
            return unquoted(lines);
        }
        var kept = unquoted(lines.subList(0, boundary.start()));
        var after = lines.subList(boundary.end() + 1, lines.size());
        if (boundary.attribution() && after.stream().anyMatch(line -> line.startsWith(">"))) {
            // Answered below or between the quoted lines: what is not quoted after the attribution is new too
            // (a client that does not quote at all leaves the whole history below its attribution).
            kept.addAll(withoutHistory(after));
        }
        return kept;
    }

    /** The quoted lines ({@code >}) taken out. */
    private static List<String> unquoted(List<String> lines) {
        var kept = new ArrayList<String>();
        for (var line : lines) {
            if (!line.startsWith(">")) {
                kept.add(line);
            }
        }
        return kept;
    }

    private static Boundary historyStart(List<String> lines) {
        for (var i = 0; i < lines.size(); i++) {
            var line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (ORIGINAL.matcher(line).matches() || isOutlookBlock(lines, i)) {
                return new Boundary(ruleBefore(lines, i), lines.size() - 1, false);
            }
            var attribution = attributionEndingAt(lines, i);
            if (attribution >= 0) {
                return new Boundary(attribution, i, true);
            }
        }
        return null;
    }

    /**
     * Where an attribution ending on line {@code end} starts: clients wrap it over up to three lines, so the longest
     * run of lines that reads as one, and that starts as one does (a date, or "On"), wins over its own tail.
     */
    private static int attributionEndingAt(List<String> lines, int end) {
        if (!lines.get(end).strip().endsWith(":")) {
            return -1;
        }
        for (var k = HEADER_LINES - 1; k >= 0; k--) {
            var start = end - k;
            if (start < 0 || (k > 0 && !ATTRIBUTION_START.matcher(lines.get(start).strip()).find())) {
                continue;
            }
            var run = lines.subList(start, end + 1);
            if (run.stream().anyMatch(l -> l.isBlank() || l.startsWith(">"))) {
                continue;
            }
            var text = String.join(" ", run.stream().map(String::strip).toList());
            if (ON_WROTE.matcher(text).matches() || WROTE.matcher(text).matches() || RU_GMAIL.matcher(text).matches()) {
                return start;
            }
        }
        return -1;
    }

    private static boolean isOutlookBlock(List<String> lines, int start) {
        if (!OUTLOOK_FROM.matcher(lines.get(start).strip()).matches()) {
            return false;
        }
        for (var k = 1; k <= OUTLOOK_GAP && start + k < lines.size(); k++) {
            if (OUTLOOK_SENT.matcher(lines.get(start + k).strip()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Outlook draws a rule above its header block; it belongs to the history. */
    private static int ruleBefore(List<String> lines, int header) {
        var i = header - 1;
        while (i >= 0 && lines.get(i).isBlank()) {
            i--;
        }
        return i >= 0 && RULE.matcher(lines.get(i).strip()).matches() ? i : header;
    }

    private static List<String> withoutSignature(List<String> lines) {
        var end = lines.size();
        for (var i = 0; i < end; i++) {
            if (SIGNATURE.matcher(lines.get(i)).matches()) {
                end = i;
            }
        }
        var last = end - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        if (last >= 0 && MOBILE.matcher(lines.get(last).strip()).matches()) {
            end = last;
        }
        return lines.subList(0, end);
    }
}
