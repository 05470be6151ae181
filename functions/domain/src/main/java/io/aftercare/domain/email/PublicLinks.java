package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Language;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The customer-facing links in emails: {@code /u/{token}} to unsubscribe, {@code /f/{token}} for surveys: an order's
 * page (check-ins), a kept survey's page, and one link per score of a survey, which records the score it names.
 */
public final class PublicLinks {

    public record Unsubscribe(ShopId shop, String emailHash, EmailCategory category, Language language) {
    }

    public record Survey(ShopId shop, OrderId order, String emailHash, Language language) {
    }

    /** A survey kept since it was sent ({@code io.aftercare.domain.feedback.Survey}), as its links name it. */
    public record SurveyLink(ShopId shop, String surveyId, String emailHash, Language language) {
    }

    /** A link in a survey's email that answers it with one score: the score is sealed in, so it cannot be altered. */
    public record ScoreClick(SurveyLink survey, int score) {
    }

    private final Supplier<URI> base;
    private final LinkTokens tokens;

    /** @param base where customers reach Aftercare; only making links needs it, reading them does not */
    public PublicLinks(Supplier<URI> base, LinkTokens tokens) {
        this.base = base;
        this.tokens = tokens;
    }

    public String unsubscribeUrl(ShopId shop, EmailAddress email, EmailCategory category, Language language) {
        return url("/u/", unsubscribeToken(new Unsubscribe(shop, email.hash(), category, language)));
    }

    public String unsubscribeToken(Unsubscribe unsubscribe) {
        return tokens.seal(LinkTokens.Purpose.UNSUBSCRIBE, List.of(unsubscribe.shop().value(), unsubscribe.emailHash(),
                unsubscribe.category().slug(), unsubscribe.language().code()));
    }

    public String surveyUrl(ShopId shop, OrderId order, EmailAddress email, Language language) {
        return url("/f/", tokens.seal(LinkTokens.Purpose.SURVEY, List.of(shop.value(), order.value(), email.hash(), language.code())));
    }

    public String surveyPageUrl(SurveyLink link) {
        return url("/f/", tokens.seal(LinkTokens.Purpose.SURVEY_PAGE, fields(link)));
    }

    public String scoreUrl(SurveyLink link, int score) {
        List<String> fields = new java.util.ArrayList<>(fields(link));
        fields.add(Integer.toString(score));
        return url("/f/", tokens.seal(LinkTokens.Purpose.SURVEY_SCORE, fields));
    }

    public Optional<SurveyLink> surveyPage(String token) {
        return tokens.open(LinkTokens.Purpose.SURVEY_PAGE, token).filter(f -> f.size() == 4).flatMap(PublicLinks::surveyLink);
    }

    public Optional<ScoreClick> scoreClick(String token) {
        return tokens.open(LinkTokens.Purpose.SURVEY_SCORE, token).filter(f -> f.size() == 5 && f.get(4).matches("\\d{1,2}"))
                .flatMap(f -> surveyLink(f).map(link -> new ScoreClick(link, Integer.parseInt(f.get(4)))));
    }

    private static List<String> fields(SurveyLink link) {
        return List.of(link.shop().value(), link.surveyId(), link.emailHash(), link.language().code());
    }

    private static Optional<SurveyLink> surveyLink(List<String> f) {
        return Language.fromLocale(f.get(3)).map(language -> new SurveyLink(new ShopId(f.get(0)), f.get(1), f.get(2), language));
    }

    public Optional<Unsubscribe> unsubscribe(String token) {
        return tokens.open(LinkTokens.Purpose.UNSUBSCRIBE, token).filter(f -> f.size() == 4).flatMap(f ->
                EmailCategory.fromSlug(f.get(2)).flatMap(category -> Language.fromLocale(f.get(3)).map(language ->
                        new Unsubscribe(new ShopId(f.get(0)), f.get(1), category, language))));
    }

    public Optional<Survey> survey(String token) {
        return tokens.open(LinkTokens.Purpose.SURVEY, token).filter(f -> f.size() == 4).flatMap(f ->
                Language.fromLocale(f.get(3)).map(language -> new Survey(new ShopId(f.get(0)), new OrderId(f.get(1)), f.get(2), language)));
    }

    private String url(String path, String token) {
        String root = base.get().toString().replaceAll("/+$", "");
        return root + path + token;
    }
}
