package io.aftercare.domain.email;

import io.aftercare.domain.Money;
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
 * @param returnNews what a return's or a refund's email tells beyond the order ({@link ReturnNotices})
 */
public record EmailContent(EmailKind kind, Language language, ShopSettings shop, Optional<String> customerName,
                           OrderSnapshot order, Optional<IssuedDiscount> discount, Optional<String> unsubscribeUrl,
                           Optional<String> surveyUrl, List<ScoreLink> scores, Optional<TemplateOverride> override,
                           Optional<ReturnNews> returnNews) {

    public EmailContent {
        scores = List.copyOf(scores);
    }

    /** A link in the email that answers its survey with {@code score}. */
    public record ScoreLink(int score, String url) {
    }

    public record IssuedDiscount(String code, int percent) {
    }

    /**
     * @param instructions the shop's, for an approval
     * @param reason what the shop said with a decline
     * @param refunded the money back, in the currency the customer paid in
     */
    public record ReturnNews(Optional<String> returnId, Optional<String> instructions, Optional<String> reason, Optional<Money> refunded) {
    }
}
