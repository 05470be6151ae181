package io.aftercare.email;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.aftercare.domain.Money;
import io.aftercare.domain.email.EmailContent;
import io.aftercare.domain.email.EmailRenderer;
import io.aftercare.domain.email.TemplateOverride;
import io.aftercare.domain.email.TicketEmailContent;
import io.aftercare.domain.metrics.WeeklySummaries;
import io.aftercare.domain.metrics.WeeklySummary;
import io.aftercare.domain.order.OrderLine;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.ShopSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders emails from Mustache templates: one HTML and one text template per kind inside a shared layout, and one
 * message file per language. Messages are rendered first, unescaped, then placed into the HTML with escaping, so a
 * customer's name or a product title can never inject markup. Money and dates are written the customer's way. A
 * shop's own template replaces the subject and the body only ({@link ShopTemplates}).
 */
public final class MustacheEmailRenderer implements EmailRenderer, WeeklySummaries.Renderer {

    private static final String ROOT = "/io/aftercare/email/";

    private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("");
    private final Mustache.Compiler plain = Mustache.compiler().escapeHTML(false).defaultValue("");
    private final Messages messages = Messages.shared();
    private final ShopTemplates shopTemplates = new ShopTemplates();
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    @Override
    public Rendered render(EmailContent content) {
        Map<String, Object> model = model(content);
        Map<String, String> t = messages.section(content.language(), content.kind().slug(), model);
        model.put("t", t);
        model.put("subject", t.get("subject"));
        if (content.override().isPresent()) {
            ShopTemplates.Parts own = shopTemplates.render(content.override().get(), model);
            return inLayout(own.subject(), own.html(), own.text(), model);
        }
        return inLayout(t.get("subject"), content.kind().slug(), model);
    }

    /** The kind's own body inside the shared layout. */
    private Rendered inLayout(String subject, String kind, Map<String, Object> model) {
        model.put("subject", subject);
        return inLayout(subject, template(kind + ".html", html).execute(model), template(kind + ".text", plain).execute(model).strip(), model);
    }

    /** A body inside the shared layout, as HTML and as text: the signature and the footer come after it, outside it. */
    private Rendered inLayout(String subject, String htmlBody, String textBody, Map<String, Object> model) {
        Map<String, Object> layout = new HashMap<>(model);
        layout.put("subject", subject);
        layout.put("content", htmlBody);
        String htmlPart = template("layout.html", html).execute(layout);
        layout.put("content", textBody);
        String textPart = template("layout.text", plain).execute(layout).strip() + "\n";
        return new Rendered(subject, htmlPart, textPart);
    }

    @Override
    public Rendered render(TicketEmailContent content) {
        ShopSettings shop = content.shop();
        Locale locale = content.language().locale();
        Map<String, Object> model = brandModel(content.language(), shop);
        content.customerName().ifPresent(name -> model.put("name", firstName(name)));
        model.put("ticket", content.ticketNumber());
        model.put("topic", content.topic());
        content.answerBy().ifPresent(at -> model.put("answerBy", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale).format(at.atZone(shop.timeZone()))));
        content.message().ifPresent(message -> {
            model.put("message", message.strip());
            model.put("messageLines", List.of(message.strip().split("\\R")));
        });
        content.discountCode().ifPresent(code -> model.put("code", code));
        model.put("percent", content.discountPercent());
        links(model, content.unsubscribeUrl(), content.surveyUrl(), content.scores());
        Map<String, String> t = messages.section(content.language(), content.kind().slug(), model);
        model.put("t", t);
        return inLayout(t.get("subject"), content.kind().slug(), model);
    }

    /** The weekly summary to a shop's owner or manager, in Aftercare's words and their language, with its own footer. */
    @Override
    public Rendered render(WeeklySummary summary, ShopSettings shop, Language language, URI metricsPage) {
        Map<String, Object> model = brandModel(language, shop);
        new WeeklySummaryModel(messages, language).fill(model, summary, metricsPage);
        Map<String, String> t = messages.section(language, WeeklySummaryModel.KIND, model);
        t.put("footer", t.get("staff-footer")); // the customers' footer says they ordered from the shop
        model.put("t", t);
        return inLayout(t.get("subject"), WeeklySummaryModel.KIND, model);
    }

    @Override
    public void check(TemplateOverride override) {
        shopTemplates.check(override);
    }

    /** What every email shows: language, brand, colours, logo, signature, reply address. */
    private static Map<String, Object> brandModel(Language language, ShopSettings shop) {
        Map<String, Object> model = new HashMap<>();
        model.put("lang", language.code());
        model.put("brand", shop.brandName());
        model.put("accent", shop.branding().accentColor());
        shop.branding().logoUrl().ifPresent(url -> model.put("logoUrl", url));
        List<String> signature = shop.branding().signature().map(s -> List.of(s.split("\\R"))).orElse(List.of());
        model.put("signatureLines", signature);
        model.put("hasSignature", !signature.isEmpty());
        model.put("replyTo", shop.replyToEmail().value());
        return model;
    }

    private Map<String, Object> model(EmailContent content) {
        ShopSettings shop = content.shop();
        Locale locale = content.language().locale();
        var order = content.order();
        Map<String, Object> model = brandModel(content.language(), shop);
        content.customerName().ifPresent(name -> model.put("name", firstName(name)));
        model.put("order", order.name());
        model.put("date", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(order.placedAt().atZone(shop.timeZone())));
        model.put("product", order.lines().isEmpty() ? "" : order.lines().get(0).title());
        model.put("lines", order.lines().stream().map(line -> line(line, locale)).toList());
        model.put("total", money(order.total(), locale));
        content.discount().ifPresent(d -> {
            model.put("discount", Map.of("code", d.code()));
            model.put("code", d.code());
            model.put("percent", d.percent());
        });
        links(model, content.unsubscribeUrl(), content.surveyUrl(), content.scores());
        content.returnNews().ifPresent(news -> {
            news.returnId().ifPresent(id -> model.put("return", id));
            news.instructions().ifPresent(text -> {
                model.put("instructionLines", List.of(text.split("\\R")));
                model.put("hasInstructions", true);
            });
            news.reason().ifPresent(reason -> model.put("reason", reason));
            news.refunded().ifPresent(amount -> model.put("amount", money(amount, locale)));
        });
        return model;
    }

    /** An email's own links: unsubscribe, its survey's page and one-click scores. */
    private static void links(Map<String, Object> model, Optional<String> unsubscribe, Optional<String> survey, List<EmailContent.ScoreLink> scores) {
        unsubscribe.ifPresent(url -> model.put("unsubscribeUrl", url));
        survey.ifPresent(url -> model.put("surveyUrl", url));
        if (!scores.isEmpty()) {
            model.put("scores", scores.stream().map(link -> Map.<String, Object>of("score", link.score(), "url", link.url())).toList());
        }
    }

    private static Map<String, Object> line(OrderLine line, Locale locale) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", line.title());
        view.put("quantity", line.quantity());
        view.put("price", money(new Money(line.unitPrice().amount().multiply(BigDecimal.valueOf(line.quantity())), line.unitPrice().currency()), locale));
        return view;
    }

    static String money(Money money, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance(money.currency()));
        return format.format(money.amount());
    }

    /** "Łukasz Żółć" is greeted as "Łukasz". */
    private static String firstName(String name) {
        String trimmed = name.trim();
        int space = trimmed.indexOf(' ');
        return space > 0 ? trimmed.substring(0, space) : trimmed;
    }

    private Template template(String name, Mustache.Compiler compiler) {
        return templates.computeIfAbsent(name, n -> {
            try (InputStream in = resource(ROOT + "templates/" + n + ".mustache")) {
                return compiler.compile(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static InputStream resource(String path) {
        InputStream in = MustacheEmailRenderer.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing email resource " + path);
        }
        return in;
    }
}
