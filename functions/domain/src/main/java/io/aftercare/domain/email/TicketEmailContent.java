package io.aftercare.domain.email;

import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.ShopSettings;
import java.time.Instant;
import java.util.Optional;

/**
 * What a customer's email about their complaint may show. The agent's message and the complaint's subject are
 * customers' and agents' text: the renderer escapes them.
 */
public record TicketEmailContent(EmailKind kind, Language language, ShopSettings shop, Optional<String> customerName, String ticketNumber,
                                 String topic, Optional<Instant> answerBy, Optional<String> message, Optional<String> discountCode,
                                 int discountPercent) {
}
