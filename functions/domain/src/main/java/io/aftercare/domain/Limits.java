package io.aftercare.domain;

import java.util.Optional;

/**
 * Sizes as DynamoDB counts them: UTF-8 bytes, not characters (a character takes one to four). Every id that becomes
 * part of a key and every text that is stored is bounded by one of these, chosen so that the largest key {@code Keys}
 * can build stays under DynamoDB's 2,048-byte partition and 1,024-byte sort key, and the largest item under 400 KB
 * (README, "Limits", has the budget). Text limits are four bytes per character of the character limits they replaced,
 * so any text of that many characters, in any script, still fits.
 */
public final class Limits {

    /** Ids within an order or a ticket (refunds, fulfilments, returns, complaints, tickets): they end up in sort keys. */
    public static final int ID_BYTES = 256;
    /** Webhook delivery ids: only in the dedupe marker's partition key. */
    public static final int DELIVERY_ID_BYTES = 512;
    /** Names, notes, reasons, tracking details: 2,000 characters. */
    public static final int TEXT_BYTES = 8_000;
    /** A complaint's subject: 200 characters. */
    public static final int SUBJECT_BYTES = 800;
    /** A complaint's message, a reply, a note: 20,000 characters (emailed; only an excerpt is stored). */
    public static final int MESSAGE_BYTES = 80_000;
    /** An order line's title is shortened to this, not refused: an order is never lost for its titles. */
    public static final int TITLE_BYTES = 1_000;
    /** A timeline entry's summary is shortened to this: it quotes texts that are each bounded, but it is display text. */
    public static final int SUMMARY_BYTES = 16_000;

    private static final String MARKER = "…";

    private Limits() {
    }

    /** The UTF-8 length, without encoding (a lone surrogate counts as the 3 bytes of its replacement character). */
    public static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    public static boolean fits(String text, int maxBytes) {
        // a char is at most 3 bytes (a pair 4): short texts need no counting
        return text.length() * 3 <= maxBytes || utf8Length(text) <= maxBytes;
    }

    /**
     * The one trimming rule for text fields read from JSON (webhooks, the admin and agent APIs, SES events):
     * whitespace around a value, as {@link String#strip} counts it, is not part of it, and a blank value is no value.
     * Bounds apply to what is left. Secrets and email template bodies are not text fields: they are kept as sent.
     */
    public static Optional<String> textValue(String text) {
        String value = text.strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** {@code text}, if it fits; else an {@link InvalidInput} naming the field and the limit. */
    public static String atMost(String field, String text, int maxBytes) {
        if (!fits(text, maxBytes)) {
            throw new InvalidInput(field, tooLong(field, maxBytes));
        }
        return text;
    }

    /** The message for a value past its limit: {@code ticketId is longer than 256 bytes (UTF-8)}. */
    public static String tooLong(String field, int maxBytes) {
        return field + " is longer than " + maxBytes + " bytes (UTF-8)";
    }

    /** {@code text} cut at a character boundary so that, with a trailing "…", it takes at most {@code maxBytes}. */
    public static String shortened(String text, int maxBytes) {
        if (fits(text, maxBytes)) {
            return text;
        }
        int budget = maxBytes - utf8Length(MARKER);
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int next = end + Character.charCount(text.codePointAt(end));
            int size = utf8Length(text.subSequence(end, next));
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end = next;
        }
        return text.substring(0, end) + MARKER;
    }
}
