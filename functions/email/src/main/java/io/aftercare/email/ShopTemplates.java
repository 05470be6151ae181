package io.aftercare.email;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.TemplateOverride;
import java.io.StringReader;
import java.io.Writer;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.safety.Safelist;

/**
 * Shops' own templates are the shop's text, not ours. When saved they may use only the documented values of their
 * kind, each escaped, no partials, and only email-safe markup ({@link #SAFELIST}); when sent they see only those values
 * (Strings, numbers, maps and lists, read without reflection, so {@code {{brand.bytes}}} is nothing), every value is
 * escaped whatever the tag, and the HTML is sanitized again: an override stored before these rules, or written past the
 * API, still cannot print customers' text as markup, nor hide what the layout puts after it.
 */
final class ShopTemplates {

    private static final String[] TAGS = {"p", "br", "hr", "a", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h1", "h2", "h3",
        "blockquote", "div", "span", "table", "thead", "tbody", "tr", "th", "td", "img"};

    /** Email-safe markup and nothing that styles: no style, class or id attribute, so nothing can be hidden. */
    static final Safelist SAFELIST = new Safelist()
            .addTags(TAGS)
            .addAttributes("a", "href", "title")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addAttributes("img", "src", "alt", "width", "height")
            .addProtocols("img", "src", "https")
            .addAttributes("td", "colspan", "rowspan", "align")
            .addAttributes("th", "colspan", "rowspan", "align");

    /**
     * What an override of one kind may show.
     *
     * @param values the names it may print
     * @param sections the names it may open a section over, each with the names its items add (a list's fields)
     */
    record Vocabulary(Set<String> values, Map<String, Set<String>> sections) {

        boolean knows(String name) {
            return values.contains(name) || sections.values().stream().anyMatch(inner -> inner.contains(name));
        }
    }

    /** What the kind carries, as its descriptor says: {@link TemplateOverride} admits only kinds that may be overridden. */
    static Vocabulary vocabulary(EmailKind kind) {
        return new Vocabulary(kind.variables(), kind.sections());
    }

    /** Sample values for the save-time check; URLs are real ones, so that the markup check sees links as they will be. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(Map.entry("name", "Ada"), Map.entry("order", "#1001"),
            Map.entry("date", "1 January 2026"), Map.entry("product", "Sample product"), Map.entry("total", "20.00"),
            Map.entry("replyTo", "help@example.com"), Map.entry("brand", "Sample Shop"), Map.entry("percent", "10"),
            Map.entry("surveyUrl", "https://example.com/f/sample"), Map.entry("title", "Sample product"), Map.entry("quantity", "2"),
            Map.entry("price", "20.00"), Map.entry("code", "THANKS-SAMPLE1"));

    // Marks a value in the check's output until an escaping tag removes the mark: a mark left means an unescaped tag.
    private static final char MARK = '\u0001';
    private static final char MARK_END = '\u0002';
    private static final Pattern MARKED = Pattern.compile(MARK + "([^" + MARK_END + "]*)" + MARK_END);

    /** Reads maps and lists only: no getters, no fields, no methods of the model's values. */
    private static final Mustache.Collector MAPS_ONLY = new BasicCollector() {
        @Override
        public <K, V> Map<K, V> createFetcherCache() {
            return new ConcurrentHashMap<>();
        }
    };
    private static final Mustache.TemplateLoader NO_PARTIALS = name -> new StringReader("");

    private final Mustache.Compiler html = Mustache.compiler().escapeHTML(false).defaultValue("").withCollector(MAPS_ONLY).withLoader(NO_PARTIALS)
            .withFormatter(value -> Escapers.HTML.escape(String.valueOf(value)));
    private final Mustache.Compiler plain = Mustache.compiler().escapeHTML(false).defaultValue("").withCollector(MAPS_ONLY).withLoader(NO_PARTIALS);
    private final Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);

    /** Compiled overrides a renderer keeps at most: many shops' templates, yet bounded memory in a long-lived runner. */
    static final int CACHED_TEMPLATES = 512;

    /** What a source compiles to, by compiler and source: an override is compiled once, not on every send. */
    private record Source(boolean html, String text) {
    }

    /** The least recently sent compiled overrides go first. */
    private final Map<Source, Template> compiled = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Source, Template> eldest) {
            return size() > CACHED_TEMPLATES;
        }
    });

    /** The override's subject, HTML (sanitized) and text, over only the values its kind documents. */
    record Parts(String subject, String html, String text) {
    }

    Parts render(TemplateOverride override, Map<String, Object> model) {
        Map<String, Object> values = new HashMap<>();
        Vocabulary vocabulary = vocabulary(override.kind());
        model.forEach((name, value) -> {
            if (vocabulary.values().contains(name) || vocabulary.sections().containsKey(name)) {
                values.put(name, value);
            }
        });
        String body = compiled(true, override.html()).execute(values);
        return new Parts(compiled(false, override.subject()).execute(values).strip(), Jsoup.clean(body, "", SAFELIST, output),
                compiled(false, override.text()).execute(values).strip());
    }

    int cachedTemplates() {
        return compiled.size();
    }

    /** @param asHtml for the HTML body (every value HTML-escaped), else for the subject or the text */
    Template compiled(boolean asHtml, String source) {
        return compiled.computeIfAbsent(new Source(asHtml, source), s -> (s.html() ? html : plain).compile(s.text()));
    }

    /** @throws InvalidInput naming the field and what in it is not allowed */
    void check(TemplateOverride override) {
        Vocabulary vocabulary = vocabulary(override.kind());
        check("subject", override.subject(), vocabulary, false);
        check("text", override.text(), vocabulary, false);
        checkMarkup(check("html", override.html(), vocabulary, true));
    }

    /** Walks the compiled template, then runs every section and inverted section once: the output, marks removed. */
    private static String check(String field, String source, Vocabulary vocabulary, boolean escaping) {
        if (source.indexOf(MARK) >= 0 || source.indexOf(MARK_END) >= 0) {
            throw new InvalidInput(field, "the " + field + " template has control characters");
        }
        Template template;
        try {
            template = Mustache.compiler().compile(source);
        } catch (MustacheException e) {
            throw new InvalidInput(field, "the " + field + " template does not parse: " + e.getMessage());
        }
        template.visit(new Refusals(field, vocabulary));
        String out;
        try {
            out = probe(escaping).compile(source).execute(probeModel(vocabulary));
        } catch (MustacheException.Context e) {
            String section = vocabulary.sections().entrySet().stream().filter(s -> s.getValue().contains(e.key))
                    .map(Map.Entry::getKey).findFirst().orElse("?");
            throw new InvalidInput(field, "{{" + e.key + "}} is known only inside {{#" + section + "}}...{{/" + section + "}}");
        } catch (MustacheException e) {
            throw new InvalidInput(field, "the " + field + " template does not render: " + e.getMessage());
        }
        Matcher raw = MARKED.matcher(out);
        if (raw.find()) {
            throw new InvalidInput(field, "unescaped tag {{{" + raw.group(1) + "}}} is not allowed (nor {{&" + raw.group(1)
                    + "}}): write {{" + raw.group(1) + "}}");
        }
        return out;
    }

    private static void checkMarkup(String html) {
        // parsed as the sanitizer parses it: an <html> or <body> tag in a fragment is ignored
        Document document = Jsoup.parseBodyFragment(html);
        for (Node node : document.body().childNodes()) {
            node.nodeStream().forEach(ShopTemplates::checkNode);
        }
    }

    private static void checkNode(Node node) {
        if (node instanceof Comment) {
            throw new InvalidInput("html", "comments (<!-- -->) are not allowed");
        }
        if (node instanceof Element element) {
            if (!SAFELIST.isSafeTag(element.normalName())) {
                throw new InvalidInput("html", "<" + element.normalName() + "> is not allowed; allowed are " + String.join(", ", TAGS));
            }
            for (Attribute attribute : element.attributes()) {
                if (!SAFELIST.isSafeAttribute(element.normalName(), element, attribute)) {
                    throw new InvalidInput("html", "the " + attribute.getKey() + " attribute of <" + element.normalName() + "> is not allowed"
                            + (attribute.getKey().equals("href") || attribute.getKey().equals("src") ? " (links: https, http or mailto; images: https)" : ""));
                }
            }
        }
    }

    /** Every value marked; escaping tags unmark theirs (and, in HTML, escape it). */
    private static Mustache.Compiler probe(boolean html) {
        return Mustache.compiler().withCollector(MAPS_ONLY).withLoader(NO_PARTIALS)
                .withFormatter(value -> value instanceof Probe p ? MARK + p.name + MARK_END + SAMPLES.get(p.name) : String.valueOf(value))
                .withEscaper(text -> {
                    String unmarked = MARKED.matcher(text).replaceAll("");
                    return html ? Escapers.HTML.escape(unmarked) : unmarked;
                });
    }

    private static Map<String, Object> probeModel(Vocabulary vocabulary) {
        Map<String, Object> model = new LinkedHashMap<>();
        vocabulary.values().forEach(name -> model.put(name, new Probe(name, Map.of())));
        vocabulary.sections().forEach((name, inner) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            inner.forEach(field -> item.put(field, new Probe(field, Map.of())));
            model.put(name, new Probe(name, item));
        });
        return model;
    }

    /** A value of the check: printed as its sample, and as a section it runs once (with its item's fields), as does its inverse. */
    private record Probe(String name, Map<String, Object> item) implements Mustache.InvertibleLambda {

        @Override
        public void execute(Template.Fragment fragment, Writer out) {
            if (item.isEmpty()) {
                fragment.execute(out);
            } else {
                fragment.execute(item, out);
            }
        }

        @Override
        public void executeInverse(Template.Fragment fragment, Writer out) {
            fragment.execute(out);
        }
    }

    /** Refuses, from the compiled template, partials and anything its kind does not document. */
    private record Refusals(String field, Vocabulary vocabulary) implements Mustache.Visitor {

        @Override
        public void visitText(String text) {
        }

        @Override
        public void visitVariable(String name) {
            if (!vocabulary.knows(name)) {
                Set<String> known = new TreeSet<>(vocabulary.values());
                vocabulary.sections().values().forEach(known::addAll);
                throw new InvalidInput(field, "unknown variable {{" + name + "}}; this email knows " + String.join(", ", known));
            }
        }

        @Override
        public boolean visitInclude(String name) {
            throw new InvalidInput(field, "partials are not allowed ({{>" + name + "}})");
        }

        @Override
        public boolean visitParent(String name) {
            throw new InvalidInput(field, "partials are not allowed ({{<" + name + "}})");
        }

        @Override
        public boolean visitBlock(String name) {
            throw new InvalidInput(field, "blocks are not allowed ({{$" + name + "}})");
        }

        @Override
        public boolean visitSection(String name) {
            return section("{{#", name);
        }

        @Override
        public boolean visitInvertedSection(String name) {
            return section("{{^", name);
        }

        private boolean section(String tag, String name) {
            if (!vocabulary.sections().containsKey(name)) {
                throw new InvalidInput(field, tag + name + "}} is not allowed: sections only over "
                        + String.join(", ", new TreeSet<>(vocabulary.sections().keySet())));
            }
            return true;
        }
    }

}
