package io.aftercare.devkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Hostile variations of a real webhook body: bytes flipped, fields removed, types changed, huge strings, deep
 * nesting, invalid UTF-8, truncation, random bytes. Each is a plausible attack or accident, never a valid order.
 */
public final class Mutations {

    public enum Kind { FLIP_BYTES, REMOVE_FIELD, CHANGE_TYPE, HUGE_STRING, DEEP_NESTING, INVALID_UTF8, TRUNCATE, RANDOM_BYTES, NOT_AN_OBJECT }

    private static final List<String> REPLACEMENTS = List.of("null", "true", "[]", "{}", "-1", "1e309", "\"\"", "\"x\"", "[[[]]]", "0.0000001");

    private Mutations() {
    }

    public static byte[] mutate(byte[] body, Kind kind, RandomGenerator random) {
        String text = new String(body, StandardCharsets.UTF_8);
        return switch (kind) {
            case FLIP_BYTES -> {
                byte[] copy = body.clone();
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield copy;
            }
            case REMOVE_FIELD -> utf8(replaceValue(text, random, null));
            case CHANGE_TYPE -> utf8(replaceValue(text, random, REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size()))));
            case HUGE_STRING -> utf8(replaceValue(text, random, "\"" + "A".repeat(100_000 + random.nextInt(900_000)) + "\""));
            case DEEP_NESTING -> utf8(replaceValue(text, random, "[".repeat(500 + random.nextInt(5000)) + "]".repeat(10)));
            case INVALID_UTF8 -> {
                byte[] copy = body.clone();
                int at = random.nextInt(copy.length);
                copy[at] = (byte) (0xC0 | random.nextInt(2));
                yield copy;
            }
            case TRUNCATE -> Arrays.copyOf(body, random.nextInt(Math.max(1, body.length - 1)));
            case RANDOM_BYTES -> {
                byte[] noise = new byte[1 + random.nextInt(2048)];
                random.nextBytes(noise);
                yield noise;
            }
            case NOT_AN_OBJECT -> utf8(REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())));
        };
    }

    /** Replaces the value of one {@code "key": value} pair (or removes the pair, when {@code replacement} is null). */
    private static String replaceValue(String json, RandomGenerator random, String replacement) {
        int colon = -1;
        for (int attempts = 0; attempts < 20 && colon < 0; attempts++) {
            int from = random.nextInt(json.length());
            int found = json.indexOf("\": ", from);
            colon = found >= 0 ? found + 1 : json.indexOf("\":");
        }
        if (colon < 0) {
            return json;
        }
        int keyStart = json.lastIndexOf('"', json.lastIndexOf('"', colon - 1) - 1);
        int valueEnd = endOfValue(json, colon + 1);
        if (replacement == null) {
            int end = valueEnd < json.length() && json.charAt(valueEnd) == ',' ? valueEnd + 1 : valueEnd;
            return json.substring(0, Math.max(0, keyStart)) + json.substring(end);
        }
        return json.substring(0, colon + 1) + " " + replacement + json.substring(valueEnd);
    }

    /** Where the JSON value starting at {@code from} ends (a rough scan: strings, nesting). */
    private static int endOfValue(String json, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return json.length();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
