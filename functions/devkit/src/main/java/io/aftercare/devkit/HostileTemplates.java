package io.aftercare.devkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shop template overrides as an attacker (or a careless shop) would write them, each with the field it attacks and
 * what the refusal must say. The email tests and the bad-input benchmark try the same list.
 */
public final class HostileTemplates {

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Attack { UNESCAPED_TAG, PARTIAL, UNKNOWN_VARIABLE, HIDING_MARKUP, ACTIVE_MARKUP }

    /**
     * @param kind the email kind's slug
     * @param field subject, html or text: the one that holds the attack (the others are harmless)
     * @param refusal what the 400's message must contain
     */
    public record Hostile(Attack attack, String kind, String field, String source, String refusal) {

        public String subject() {
            return field.equals("subject") ? source : "Hello";
        }

        public String html() {
            return field.equals("html") ? source : "<p>Hello</p>";
        }

        public String text() {
            return field.equals("text") ? source : "Hello";
        }
    }

    private static Hostile html(Attack attack, String source, String refusal) {
        return new Hostile(attack, "thank-you", "html", source, refusal);
    }

    public static final List<Hostile> ALL = List.of(
            html(Attack.UNESCAPED_TAG, "<p>{{{name}}}</p>", "unescaped tag {{{name}}}"),
            html(Attack.UNESCAPED_TAG, "<p>{{& product}}</p>", "unescaped tag {{{product}}}"),
            html(Attack.UNESCAPED_TAG, "{{#lines}}<p>{{{title}}}</p>{{/lines}}", "unescaped tag {{{title}}}"),
            html(Attack.UNESCAPED_TAG, "{{^discount}}{{{brand}}}{{/discount}}", "unescaped tag {{{brand}}}"),
            html(Attack.UNESCAPED_TAG, "{{#name}}{{&name}}{{/name}}", "unescaped tag {{{name}}}"),
            html(Attack.UNESCAPED_TAG, "{{=<% %>=}}<p><%{name}%></p>", "unknown variable {{{name}}"),
            html(Attack.UNESCAPED_TAG, "{{=<% %>=}}<p><%& product %></p>", "unescaped tag {{{product}}}"),
            new Hostile(Attack.UNESCAPED_TAG, "thank-you", "subject", "Thanks {{{name}}}", "unescaped tag {{{name}}}"),
            new Hostile(Attack.UNESCAPED_TAG, "check-in", "text", "Hi {{&name}}", "unescaped tag {{{name}}}"),

            html(Attack.PARTIAL, "<p>{{>footer}}</p>", "partials are not allowed"),
            html(Attack.PARTIAL, "{{#lines}}{{> layout}}{{/lines}}", "partials are not allowed"),
            html(Attack.PARTIAL, "{{<layout}}{{$content}}x{{/content}}{{/layout}}", "partials are not allowed"),
            html(Attack.PARTIAL, "{{$content}}x{{/content}}", "blocks are not allowed"),
            new Hostile(Attack.PARTIAL, "survey", "subject", "{{>subject}}", "partials are not allowed"),
            new Hostile(Attack.PARTIAL, "check-in", "text", "{{^name}}{{>text}}{{/name}}", "partials are not allowed"),

            html(Attack.UNKNOWN_VARIABLE, "<p>{{brand.bytes}}</p>", "unknown variable {{brand.bytes}}"),
            html(Attack.UNKNOWN_VARIABLE, "<p>{{brand.class.name}}</p>", "unknown variable {{brand.class.name}}"),
            html(Attack.UNKNOWN_VARIABLE, "<p>{{percent.class}}</p>", "unknown variable {{percent.class}}"),
            html(Attack.UNKNOWN_VARIABLE, "{{#lines}}{{title.bytes}}{{/lines}}", "unknown variable {{title.bytes}}"),
            html(Attack.UNKNOWN_VARIABLE, "<p>{{lines.0.title}}</p>", "unknown variable {{lines.0.title}}"),
            html(Attack.UNKNOWN_VARIABLE, "<p>{{unsubscribeUrl}}</p>", "unknown variable {{unsubscribeUrl}}"),
            html(Attack.UNKNOWN_VARIABLE, "<p>{{t.footer}}</p>", "unknown variable {{t.footer}}"),
            html(Attack.UNKNOWN_VARIABLE, "<p>{{accent}}</p>", "unknown variable {{accent}}"),
            html(Attack.UNKNOWN_VARIABLE, "{{#lines}}{{.}}{{/lines}}", "unknown variable {{.}}"),
            html(Attack.UNKNOWN_VARIABLE, "{{#lines}}{{this}}{{/lines}}", "unknown variable {{this}}"),
            html(Attack.UNKNOWN_VARIABLE, "<p>{{lines}}</p>", "unknown variable {{lines}}"),
            html(Attack.UNKNOWN_VARIABLE, "{{#lines}}{{-index}}{{/lines}}", "unknown variable {{-index}}"),
            html(Attack.UNKNOWN_VARIABLE, "<p>{{surveyUrl}}</p>", "unknown variable {{surveyUrl}}"),
            html(Attack.UNKNOWN_VARIABLE, "<p>{{title}}</p>", "{{title}} is known only inside {{#lines}}"),
            html(Attack.UNKNOWN_VARIABLE, "<p>{{code}}</p>", "{{code}} is known only inside {{#discount}}"),
            html(Attack.UNKNOWN_VARIABLE, "{{#brand}}x{{/brand}}", "{{#brand}} is not allowed: sections only over"),
            html(Attack.UNKNOWN_VARIABLE, "{{^unsubscribeUrl}}no way out{{/unsubscribeUrl}}", "{{^unsubscribeUrl}} is not allowed"),
            new Hostile(Attack.UNKNOWN_VARIABLE, "check-in", "html", "<p>{{percent}}</p>", "unknown variable {{percent}}"),
            new Hostile(Attack.UNKNOWN_VARIABLE, "survey", "subject", "{{brand.bytes}}", "unknown variable {{brand.bytes}}"),

            html(Attack.HIDING_MARKUP, "<div style=\"display:none\">", "the style attribute of <div> is not allowed"),
            html(Attack.HIDING_MARKUP, "<p>Hi</p><span style=\"visibility:hidden\">", "the style attribute of <span> is not allowed"),
            html(Attack.HIDING_MARKUP, "<p style=\"font-size:0\">", "the style attribute of <p> is not allowed"),
            html(Attack.HIDING_MARKUP, "<p style=\"opacity:0\">", "the style attribute of <p> is not allowed"),
            html(Attack.HIDING_MARKUP, "<table style=\"position:absolute;left:-9999px\"><tr><td>", "the style attribute of <table> is not allowed"),
            html(Attack.HIDING_MARKUP, "<p>Thanks</p><!--", "comments (<!-- -->) are not allowed"),
            html(Attack.HIDING_MARKUP, "<p>Thanks</p><!-- hidden -->", "comments (<!-- -->) are not allowed"),
            html(Attack.HIDING_MARKUP, "<p hidden>", "the hidden attribute of <p> is not allowed"),
            html(Attack.HIDING_MARKUP, "<p class=\"gone\">", "the class attribute of <p> is not allowed"),
            html(Attack.HIDING_MARKUP, "<style>p{display:none}</style>", "<style> is not allowed"),
            html(Attack.HIDING_MARKUP, "<font size=\"0\">", "<font> is not allowed"),
            html(Attack.HIDING_MARKUP, "<details><summary>x</summary>", "<details> is not allowed"),
            html(Attack.HIDING_MARKUP, "<template>", "<template> is not allowed"),
            html(Attack.HIDING_MARKUP, "<textarea>", "<textarea> is not allowed"),
            html(Attack.HIDING_MARKUP, "<noscript>", "<noscript> is not allowed"),
            html(Attack.HIDING_MARKUP, "<xmp>", "<xmp> is not allowed"),
            html(Attack.HIDING_MARKUP, "<plaintext>", "<plaintext> is not allowed"),

            html(Attack.ACTIVE_MARKUP, "<script>alert(1)</script>", "<script> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<img src=x onerror=alert(1)>", "attribute of <img> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<a href=\"javascript:alert(1)\">x</a>", "the href attribute of <a> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<a href=\"&#106;avascript:alert(1)\">x</a>", "the href attribute of <a> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<a href=\"data:text/html,<script>x</script>\">x</a>", "the href attribute of <a> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<a href=\"{{name}}\">x</a>", "the href attribute of <a> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<img src=\"http://tracker.example/p.gif\">", "the src attribute of <img> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<p onclick=\"x()\">", "the onclick attribute of <p> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<iframe src=\"https://evil.example\"></iframe>", "<iframe> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<object data=\"x\"></object>", "<object> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<svg onload=alert(1)>", "<svg> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<form action=\"https://evil.example\"><input name=p></form>", "<form> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">", "<meta> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<base href=\"https://evil.example/\">", "<base> is not allowed"),
            html(Attack.ACTIVE_MARKUP, "<link rel=stylesheet href=\"https://evil.example/x.css\">", "<link> is not allowed"));

    private HostileTemplates() {
    }

    /** How many of each attack the list holds. */
    public static Map<Attack, Integer> counts() {
        Map<Attack, Integer> counts = new TreeMap<>();
        ALL.forEach(h -> counts.merge(h.attack(), 1, Integer::sum));
        return counts;
    }

    /** The body of {@code PUT /admin/shops/{shop}/templates/{kind}/{language}} for one. */
    public static String json(Hostile hostile) {
        try {
            return JSON.writeValueAsString(Map.of("subject", hostile.subject(), "html", hostile.html(), "text", hostile.text()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
