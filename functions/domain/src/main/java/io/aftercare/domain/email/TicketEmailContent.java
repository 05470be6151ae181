package io.aftercare.domain.email;

import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.ShopSettings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a customer's email about their complaint may show. The agent's message and the complaint's subject are
 * customers' and agents' text: the renderer escapes them.
 *
 * @param unsubscribeUrl the one-click link, for the ticket's survey (its other emails are transactional)
 * @param surveyUrl the survey's page, and {@code scores} its one-click links, lowest first: for the ticket's survey
 */
public record TicketEmailContent(EmailKind kind, Language language, ShopSettings shop, Optional<String> customerName, String ticketNumber,
                                 String topic, Optional<Instant> answerBy, Optional<String> message, Optional<String> discountCode,
                                 int discountPercent, Optional<String> unsubscribeUrl, Optional<String> surveyUrl,
                                 List<EmailContent.ScoreLink> scores) {

    public TicketEmailContent {
        scores = List.copyOf(scores);
    }

    /** A complaint's transactional email: no links beyond the shop's. */
    public TicketEmailContent(EmailKind kind, Language language, ShopSettings shop, Optional<String> customerName, String ticketNumber,
                              String topic, Optional<Instant> answerBy, Optional<String> message, Optional<String> discountCode,
                              int discountPercent) {
        this(kind, language, shop, customerName, ticketNumber, topic, answerBy, message, discountCode, discountPercent,
                Optional.empty(), Optional.empty(), List.of());
    }
}
