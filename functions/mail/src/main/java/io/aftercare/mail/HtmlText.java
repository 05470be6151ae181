package io.aftercare.mail;

import java.util.Set;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * An HTML body as plain text, for agents and for the quote splitter: no markup survives (it is text, escaped wherever it
 * is shown), scripts and styles are dropped, links keep their address beside their text, {@code <blockquote>} becomes
 * {@code >} quoting and {@code <br>}, blocks and table rows become line breaks. An inline image ({@code cid:}) leaves
 * the marker {@code cidMarker} gives it, so the caller can tell where in the text (new text, signature, history) it was.
 */
final class HtmlText {

    private static final Set<String> DROPPED = Set.of("script", "style", "head", "title", "noscript", "template",
            "object", "embed", "iframe", "svg", "math", "select", "button", "input", "textarea");
    private static final Set<String> BLOCKS = Set.of("p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
            "table", "ul", "ol", "dl", "dt", "dd", "pre", "address", "section", "article", "header", "footer", "hr",
            "center", "form", "fieldset", "figure", "figcaption", "main", "nav", "aside", "tbody", "thead", "tfoot",
            "caption", "blockquote");

    private HtmlText() {
    }

    static String of(String html, Function<String, String> cidMarker) {
        var body = Jsoup.parse(html).body();
        var out = new StringBuilder();
        render(body, out, cidMarker, false);
        return PlainText.tidy(out.toString());
    }

    private static void render(Node node, StringBuilder out, Function<String, String> cidMarker, boolean pre) {
        for (var child : node.childNodes()) {
            if (child instanceof TextNode text) {
                appendText(out, pre ? text.getWholeText() : text.text(), pre);
            } else if (child instanceof Element element) {
                renderElement(element, out, cidMarker, pre);
            }
        }
    }

    private static void renderElement(Element element, StringBuilder out, Function<String, String> cidMarker, boolean pre) {
        var tag = element.normalName();
        if (DROPPED.contains(tag)) {
            return;
        }
        switch (tag) {
            case "br" -> out.append('\n');
            case "img" -> {
                var src = element.attr("src").trim();
                if (src.regionMatches(true, 0, "cid:", 0, 4)) {
                    out.append(cidMarker.apply(src.substring(4)));
                }
            }
            case "blockquote" -> {
                var inner = new StringBuilder();
                render(element, inner, cidMarker, pre);
                newLine(out);
                for (var line : PlainText.tidy(inner.toString()).split("\n", -1)) {
                    out.append(line.isEmpty() ? ">" : "> " + line).append('\n');
                }
            }
            case "a" -> {
                var before = out.length();
                render(element, out, cidMarker, pre);
                var text = out.substring(before).trim();
                var href = element.attr("href").trim();
                var shown = href.regionMatches(true, 0, "mailto:", 0, 7) ? href.substring(7) : href;
                if (isLink(href) && !text.equalsIgnoreCase(shown) && !text.equalsIgnoreCase(href)) {
                    out.append(text.isEmpty() ? shown : " (" + shown + ")");
                }
            }
            case "td", "th" -> {
                render(element, out, cidMarker, pre);
                out.append(' ');
            }
            case "li" -> {
                newLine(out);
                out.append("- ");
                render(element, out, cidMarker, pre);
                newLine(out);
            }
            default -> {
                var block = BLOCKS.contains(tag);
                if (block) {
                    newLine(out);
                }
                if (isSignature(element) && !endsWithDelimiter(out)) {
                    out.append("-- \n"); // the delimiter the client writes only in its plain alternative
                }
                render(element, out, cidMarker, pre || tag.equals("pre"));
                if (block) {
                    newLine(out);
                }
            }
        }
    }

    /** Gmail's, Thunderbird's and Outlook's signature containers. */
    private static boolean isSignature(Element element) {
        return element.hasClass("gmail_signature") || element.hasClass("moz-signature") || element.id().equals("Signature");
    }

    private static boolean endsWithDelimiter(StringBuilder out) {
        var text = out.toString().stripTrailing();
        return text.endsWith("\n--") || text.equals("--");
    }

    private static boolean isLink(String href) {
        var lower = href.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:");
    }

    private static void appendText(StringBuilder out, String text, boolean pre) {
        var clean = text.replace('\u00a0', ' ');
        if (!pre && (out.isEmpty() || out.charAt(out.length() - 1) == '\n')) {
            clean = clean.stripLeading();
        }
        out.append(clean);
    }

    private static void newLine(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
