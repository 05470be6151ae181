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

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
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
    private static final Pattern MOBILE = Pattern.compile(
            "^(Sent from|Sent via|Get Outlook for|Отправлено с|Отправлено из|Wysłane z|Wysłano z|Trimis de pe|Trimis din|"
                    + "Trimis de la)\\b.{0,60}$", FLAGS);
    private static final int HEADER_LINES = 3;
    private static final int OUTLOOK_GAP = 5;

    private ReplyText() {
    }

    /** {@code full} is tidied text (see {@link PlainText#tidy}). */
    static String newText(String full) {
        return PlainText.tidy(String.join("\n", withoutSignature(withoutHistory(Arrays.asList(full.split("\n", -1)), true))));
    }

    private static List<String> withoutHistory(List<String> lines, boolean bottomPostingAllowed) {
        var header = historyStart(lines);
        if (header < 0) {
            return unquoted(lines);
        }
        var before = lines.subList(0, header);
        if (before.stream().allMatch(String::isBlank) && bottomPostingAllowed) {
            // Written below the quote: the answer is what follows the quoted lines (past the attribution's own lines).
            var rest = lines.subList(header + 1, lines.size());
            var quote = 0;
            while (quote < rest.size() && !rest.get(quote).startsWith(">")) {
                quote++;
            }
            return withoutHistory(unquoted(quote < rest.size() ? rest.subList(quote, rest.size()) : rest), false);
        }
        return unquoted(before);
    }

    /** The quoted lines ({@code >}) taken out: the text around them is the new text, also when answered inline. */
    private static List<String> unquoted(List<String> lines) {
        var kept = new ArrayList<String>();
        for (var line : lines) {
            if (!line.startsWith(">")) {
                kept.add(line);
            }
        }
        return kept;
    }

    private static int historyStart(List<String> lines) {
        for (var i = 0; i < lines.size(); i++) {
            var line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (ORIGINAL.matcher(line).matches() || isOutlookBlock(lines, i) || isAttribution(lines, i)) {
                return ruleBefore(lines, i);
            }
        }
        return -1;
    }

    private static boolean isAttribution(List<String> lines, int start) {
        var candidate = new StringBuilder();
        for (var k = 0; k < HEADER_LINES && start + k < lines.size(); k++) {
            if (k > 0 && start > 0 && !lines.get(start - 1).isBlank()) {
                return false; // a wrapped attribution starts a paragraph of its own
            }
            var line = lines.get(start + k).strip();
            if (line.startsWith(">") || line.isEmpty()) {
                return false;
            }
            candidate.append(k == 0 ? "" : " ").append(line);
            var text = candidate.toString();
            if (ON_WROTE.matcher(text).matches() || WROTE.matcher(text).matches() || RU_GMAIL.matcher(text).matches()) {
                return true;
            }
        }
        return false;
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
