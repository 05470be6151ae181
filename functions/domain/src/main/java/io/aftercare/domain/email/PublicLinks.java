package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Language;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The customer-facing links in emails: {@code /u/{token}} to unsubscribe, {@code /f/{token}} for the survey. */
public final class PublicLinks {

    public record Unsubscribe(ShopId shop, String emailHash, EmailCategory category, Language language) {
    }

    public record Survey(ShopId shop, OrderId order, String emailHash, Language language) {
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
