package io.aftercare.email;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.aftercare.domain.email.EmailCategory;
import io.aftercare.domain.feedback.SurveyKind;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.ShopSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/** The small pages customers reach from their emails, in their language and in the shop's colours. */
public final class CustomerPages {

    private static final String NEUTRAL_ACCENT = "#52525b";

    private final Template page;
    private final Messages messages = Messages.shared();

    public CustomerPages() {
        try (InputStream in = CustomerPages.class.getResourceAsStream("/io/aftercare/email/templates/page.html.mustache")) {
            this.page = Mustache.compiler().escapeHTML(true).defaultValue("").compile(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String invalidLink(Language language) {
        return render(language, null, "page.invalid.title", "page.invalid.message", Map.of());
    }

    public String confirmUnsubscribe(Language language, ShopSettings shop, EmailCategory category) {
        var model = model(language, shop, category);
        model.put("unsubscribe", true);
        model.put("confirm", messages.text(language, "page.unsubscribe.confirm", model));
        model.put("everything", messages.text(language, "page.unsubscribe.everything", model));
        return render(language, shop, "page.unsubscribe.title", "page.unsubscribe.question", model);
    }

    public String unsubscribed(Language language, ShopSettings shop, EmailCategory category) {
        return render(language, shop, "page.unsubscribed.title", "page.unsubscribed.message", model(language, shop, category));
    }

    /** The NPS question (an order's page: a check-in's link). */
    public String survey(Language language, ShopSettings shop) {
        return survey(language, shop, SurveyKind.NPS);
    }

    /** A survey's question with its scale, each score a button that answers it. */
    public String survey(Language language, ShopSettings shop, SurveyKind kind) {
        String texts = kind == SurveyKind.NPS ? "page.survey." : "page.survey." + kind.code() + ".";
        var model = model(language, shop, null);
        model.put("survey", true);
        model.put("scores", IntStream.rangeClosed(kind.lowest(), kind.highest()).boxed().toList());
        model.put("low", messages.text(language, texts + "low", model));
        model.put("high", messages.text(language, texts + "high", model));
        return render(language, shop, "page.survey.title", texts + "question", model);
    }

    /**
     * After a click on a score: thanks, the score kept, and, while the answer can still change, a form for a comment.
     *
     * @param changeable false once the window closed: the score shown is the one kept, not the one clicked
     */
    public String surveyAnswered(Language language, ShopSettings shop, int score, boolean changeable) {
        var model = model(language, shop, null);
        model.put("score", score);
        if (changeable) {
            model.put("comment", true);
            model.put("commentLabel", messages.text(language, "page.survey.comment.label", model));
            model.put("send", messages.text(language, "page.survey.comment.send", model));
        }
        return render(language, shop, "page.survey.thanks.title", changeable ? "page.survey.recorded" : "page.survey.kept", model);
    }

    public String surveyCommented(Language language, ShopSettings shop) {
        return render(language, shop, "page.survey.thanks.title", "page.survey.commented.message", model(language, shop, null));
    }

    public String surveyThanks(Language language, ShopSettings shop) {
        return render(language, shop, "page.survey.thanks.title", "page.survey.thanks.message", model(language, shop, null));
    }

    private Map<String, Object> model(Language language, ShopSettings shop, EmailCategory category) {
        Map<String, Object> model = new HashMap<>();
        model.put("brand", shop.brandName());
        if (category != null) {
            model.put("category", messages.text(language, "category." + category.slug(), Map.of()));
        }
        return model;
    }

    private String render(Language language, ShopSettings shop, String title, String message, Map<String, Object> values) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("lang", language.code());
        model.put("brand", shop == null ? "" : shop.brandName());
        model.put("accent", shop == null ? NEUTRAL_ACCENT : shop.branding().accentColor());
        model.put("title", messages.text(language, title, model));
        model.put("message", messages.text(language, message, model));
        return page.execute(model);
    }

}
