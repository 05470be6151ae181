package io.aftercare.domain.ticket;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.shop.Shop;
import java.util.List;

/** Port: tells the shop's people about a ticket: by email, and in their chat when the shop has a chat webhook. */
public interface StaffNotifier {

    record Notice(String subject, String text) {
    }

    /** @return how the notice went out ("email to a***@x.example, chat"), for the timeline */
    String notify(Shop shop, List<EmailAddress> to, Notice notice);
}
