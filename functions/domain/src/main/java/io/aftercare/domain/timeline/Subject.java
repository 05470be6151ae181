package io.aftercare.domain.timeline;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderId;
import java.util.Locale;

/** What a timeline belongs to: an order, a customer, a ticket, a return, or the shop itself (its audit trail). */
public record Subject(Type type, String id) {

    public enum Type {
        ORDER, CUSTOMER, TICKET, RETURN, SHOP;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Subject order(OrderId id) {
        return new Subject(Type.ORDER, id.value());
    }

    /** A customer's subject id is the hash of the address, never the address. */
    public static Subject customer(EmailAddress email) {
        return customerByHash(email.hash());
    }

    public static Subject ticket(String ticketId) {
        return new Subject(Type.TICKET, ticketId);
    }

    /** A return's own timeline: its id within its order (return ids need not be unique across a shop's orders). */
    public static Subject returnOf(OrderId order, String returnId) {
        return new Subject(Type.RETURN, order.value() + "~" + returnId);
    }

    /** The shop's own timeline: sign-ins, members, roles and tokens. */
    public static Subject shop(ShopId shop) {
        return new Subject(Type.SHOP, shop.value());
    }

    public static Subject customerByHash(String emailHash) {
        return new Subject(Type.CUSTOMER, emailHash);
    }
}
