package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.timeline.Subject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags an email carries, so that the mailbox's reports about it (bounces, complaints, deliveries) can be traced
 * back without a lookup: its shop, and for a due action's email the action, its kind and its order or ticket. Plain values:
 * the sending adapter spells them in whatever alphabet its provider allows.
 */
public final class EmailTags {

    public static final String SHOP = "shop";
    /** The action's id: it names the email in the timeline entries of its reports. */
    public static final String ACTION = "action";
    public static final String KIND = "kind";
    public static final String ORDER = "order";
    public static final String TICKET = "ticket";

    private EmailTags() {
    }

    /** The tags of a due action's email. */
    public static Map<String, String> of(ShopId shop, ClaimedAction action) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(SHOP, shop.value());
        tags.put(ACTION, action.actionId());
        tags.put(KIND, action.kind().slug());
        switch (action.subject().type()) {
            case ORDER -> tags.put(ORDER, action.subject().id());
            case TICKET -> tags.put(TICKET, action.subject().id()); // a ticket's survey: its reports go on the ticket
            default -> { }
        }
        return tags;
    }

    /** The tags of an email about a ticket. */
    public static Map<String, String> ofTicket(ShopId shop, String ticketId) {
        return Map.of(SHOP, shop.value(), TICKET, ticketId);
    }
}
