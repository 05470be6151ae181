package io.aftercare.domain.ticket;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.shop.Shop;
import java.util.Optional;

/**
 * Port: tells the shop's people about a ticket, one recipient at a time (so the caller can record who was reached):
 * by email, and in their chat when the shop has a chat webhook.
 */
public interface StaffNotifier {

    record Notice(String subject, String text) {
    }

    /**
     * @return the provider's message id
     * @throws io.aftercare.domain.email.EmailRejected when the address is refused for good (unverified in the SES sandbox)
     */
    String email(Shop shop, EmailAddress to, Notice notice);

    /** Posts to the shop's chat webhook. @return how it went, for the timeline ("chat", "chat failed (500)"); empty without a chat */
    Optional<String> chat(Shop shop, Notice notice);
}
