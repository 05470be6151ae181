package io.aftercare.mail;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where an HTML body showed an inline image: a marker of private-use characters (never in real mail text) carrying
 * the image's Content-ID, left in the text by {@link HtmlText} and taken out before anyone reads it.
 */
final class CidMarkers {

    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final Pattern MARKER = Pattern.compile(OPEN + "([^" + CLOSE + "]*)" + CLOSE);

    private CidMarkers() {
    }

    static String marker(String cid) {
        return OPEN + URLDecoder.decode(cid.replace("+", "%2B"), StandardCharsets.UTF_8).strip() + CLOSE;
    }

    static List<String> in(String text) {
        var found = new ArrayList<String>();
        var matcher = MARKER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    static String strip(String text) {
        return PlainText.tidy(MARKER.matcher(text).replaceAll(""));
    }
}
