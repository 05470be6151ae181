package io.aftercare.mail;

import java.util.Set;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

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
            "caption");

    /**
     * Elements nested deeper are kept, one level up: real mail stays well within it (a Gmail thread of fifteen replies
     * is about sixty deep), and jsoup's work on hostile nesting grows with it (a megabyte of open {@code <div>}s: about
     * 3 s at its default of 512, 0.6 s at 100, measured here).
     */
    private static final int MAX_DEPTH = 100;

    private HtmlText() {
    }

    static String of(String html, Function<String, String> cidMarker) {
        var out = new Out();
        render(Jsoup.parse(html, "", Parser.htmlParser().setMaxDepth(MAX_DEPTH)).body(), out, cidMarker, false);
        return PlainText.tidy(out.text.toString());
    }

    /** The text so far, and how deep in {@code <blockquote>} the next line is (each line gets its {@code >} as it starts). */
    private static final class Out {
        /** Deeper quotes are shown at this depth: the marks of hostile nesting cannot grow the text without bound. */
        private static final int MAX_QUOTE_DEPTH = 8;
        private final StringBuilder text = new StringBuilder();
        private int depth;

        void append(String chunk) {
            if (chunk.isEmpty()) {
                return;
            }
            if (atLineStart() && depth > 0) {
                text.append(">".repeat(Math.min(depth, MAX_QUOTE_DEPTH))).append(' ');
            }
            text.append(chunk);
        }

        void lineBreak() {
            if (depth > 0 && atLineStart()) {
                text.append(">".repeat(Math.min(depth, MAX_QUOTE_DEPTH)));
            }
            text.append('\n');
        }

        void newLine() {
            if (!atLineStart()) {
                text.append('\n');
            }
        }

        boolean atLineStart() {
            return text.isEmpty() || text.charAt(text.length() - 1) == '\n';
        }
    }

    private static void render(Node node, Out out, Function<String, String> cidMarker, boolean pre) {
        for (var child : node.childNodes()) {
            if (child instanceof TextNode text) {
                appendText(out, pre ? text.getWholeText() : text.text(), pre);
            } else if (child instanceof Element element) {
                renderElement(element, out, cidMarker, pre);
            }
        }
    }

    private static void renderElement(Element element, Out out, Function<String, String> cidMarker, boolean pre) {
        var tag = element.normalName();
        if (DROPPED.contains(tag)) {
            return;
        }
        switch (tag) {
            case "br" -> out.lineBreak();
            case "img" -> {
                var src = element.attr("src").trim();
                if (src.regionMatches(true, 0, "cid:", 0, 4)) {
                    out.append(cidMarker.apply(src.substring(4)));
                }
            }
            case "blockquote" -> {
                out.newLine();
                out.depth++;
                render(element, out, cidMarker, pre);
                out.newLine();
                out.depth--;
            }
            case "a" -> {
                var before = out.text.length();
                render(element, out, cidMarker, pre);
                var text = out.text.substring(before).trim();
                var href = element.attr("href").trim();
                var shown = href.regionMatches(true, 0, "mailto:", 0, 7) ? href.substring(7) : href;
                if (isLink(href) && !text.equalsIgnoreCase(shown) && !text.equalsIgnoreCase(href)) {
                    out.append(text.isEmpty() ? shown : " (" + shown + ")");
                }
            }
            case "td", "th" -> {
                render(element, out, cidMarker, pre);
                out.append(" ");
            }
            case "li" -> {
                out.newLine();
                out.append("- ");
                render(element, out, cidMarker, pre);
                out.newLine();
            }
            default -> {
                var block = BLOCKS.contains(tag);
                if (block) {
                    out.newLine();
                }
                if (isSignature(element) && !endsWithDelimiter(out.text)) {
                    out.append("-- ");
                    out.newLine(); // the delimiter the client writes only in its plain alternative
                }
                render(element, out, cidMarker, pre || tag.equals("pre"));
                if (block) {
                    out.newLine();
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

    private static void appendText(Out out, String text, boolean pre) {
        var clean = text.replace('\u00a0', ' ');
        if (!pre && out.atLineStart()) {
            clean = clean.stripLeading();
        }
        if (pre) {
            var lines = clean.split("\n", -1);
            for (var i = 0; i < lines.length; i++) {
                if (i > 0) {
                    out.lineBreak();
                }
                out.append(lines[i]);
            }
        } else {
            out.append(clean);
        }
    }
}
