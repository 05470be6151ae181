package io.aftercare.email;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Money;
import io.aftercare.domain.email.EmailContent;
import io.aftercare.domain.email.EmailRenderer;
import io.aftercare.domain.email.TemplateOverride;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderLine;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.ticket.SupportSettings;
import io.aftercare.domain.ticket.TicketEmailContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * customer's name or a product title can never inject markup. Money and dates are written the customer's way.
 */
public final class MustacheEmailRenderer implements EmailRenderer {

    private static final String ROOT = "/io/aftercare/email/";
    private static final ShopSettings SAMPLE_SHOP = new ShopSettings(Platform.GENERIC, "Sample Shop", new EmailAddress("hello@example.com"),
            new EmailAddress("help@example.com"), Language.EN, ZoneOffset.UTC, ShopSettings.DEFAULT_CHECK_IN_DELAY,
            ShopSettings.DEFAULT_SURVEY_DELAY, ShopSettings.DEFAULT_TRANSIT_ESTIMATE, Optional.empty(), Branding.DEFAULT, SupportSettings.defaults());
    private static final OrderSnapshot SAMPLE_ORDER = new OrderSnapshot(new OrderId("1001"), "#1001", Instant.EPOCH,
            Money.of("20.00", "EUR"), List.of(new OrderLine("Sample product", 2, Money.of("10.00", "EUR"))), Optional.empty());

    private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("");
    private final Mustache.Compiler plain = Mustache.compiler().escapeHTML(false).defaultValue("");
    private final Messages messages = new Messages();
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    @Override
    public Rendered render(EmailContent content) {
        Map<String, Object> model = model(content);
        Map<String, String> t = messages.section(content.language(), content.kind().slug(), model);
        model.put("t", t);
        model.put("subject", t.get("subject"));
        Optional<TemplateOverride> override = content.override();
        String subject = override.map(o -> plain.compile(o.subject()).execute(model).strip()).orElse(t.get("subject"));
        return inLayout(subject, content.kind().slug(), model, override);
    }

    /** The kind's body (or the shop's own) inside the shared layout, as HTML and as text. */
    private Rendered inLayout(String subject, String kind, Map<String, Object> model, Optional<TemplateOverride> override) {
        model.put("subject", subject);
        Map<String, Object> layout = new HashMap<>(model);
        layout.put("content", override.map(o -> html.compile(o.html())).orElseGet(() -> template(kind + ".html", html)).execute(model));
        String htmlPart = template("layout.html", html).execute(layout);
        layout.put("content", override.map(o -> plain.compile(o.text())).orElseGet(() -> template(kind + ".text", plain)).execute(model).strip());
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
        Map<String, String> t = messages.section(content.language(), content.kind().template(), model);
        model.put("t", t);
        return inLayout(t.get("subject"), content.kind().template(), model, Optional.empty());
    }

    @Override
    public void check(TemplateOverride override) {
        var sample = new EmailContent(override.kind(), override.language(), SAMPLE_SHOP, Optional.of("Ada Lovelace"), SAMPLE_ORDER,
                Optional.of(new EmailContent.IssuedDiscount("THANKS-SAMPLE1", 10)), Optional.of("https://example.com/u/sample"),
                Optional.of("https://example.com/f/sample"), Optional.empty());
        Map<String, Object> model = model(sample);
        check("subject", override.subject(), plain, model);
        check("html", override.html(), html, model);
        check("text", override.text(), plain, model);
    }

    private static void check(String field, String source, Mustache.Compiler compiler, Map<String, Object> model) {
        try {
            compiler.compile(source).execute(model);
        } catch (MustacheException e) {
            throw new InvalidInput(field, "the " + field + " template does not render: " + e.getMessage());
        }
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
        content.unsubscribeUrl().ifPresent(url -> model.put("unsubscribeUrl", url));
        content.surveyUrl().ifPresent(url -> model.put("surveyUrl", url));
        return model;
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
