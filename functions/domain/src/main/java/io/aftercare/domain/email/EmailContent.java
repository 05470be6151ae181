package io.aftercare.domain.email;

import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.ShopSettings;
import java.util.List;
import java.util.Optional;

/**
 * Everything a template may show. Texts that come from customers or platforms (names, product titles) are escaped
 * by the renderer, never trusted as HTML.
 *
 * @param unsubscribeUrl the one-click link, for every non-transactional email
 * @param surveyUrl the signed survey link, for check-ins and survey invitations
 * @param scores a survey's one-click links, one per score, lowest first (empty for other emails)
 * @param override the shop's own subject and body for this kind and language, if it has one
 */
public record EmailContent(EmailKind kind, Language language, ShopSettings shop, Optional<String> customerName,
                           OrderSnapshot order, Optional<IssuedDiscount> discount, Optional<String> unsubscribeUrl,
                           Optional<String> surveyUrl, List<ScoreLink> scores, Optional<TemplateOverride> override) {

    public EmailContent {
        scores = List.copyOf(scores);
    }

    /** A link in the email that answers its survey with {@code score}. */
    public record ScoreLink(int score, String url) {
    }

    public record IssuedDiscount(String code, int percent) {
    }
}
