package io.aftercare.domain.timeline;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.order.OrderId;
import java.util.Locale;

/** What a timeline belongs to: an order, a customer, a ticket or a return. */
public record Subject(Type type, String id) {

    public enum Type {
        ORDER, CUSTOMER, TICKET, RETURN;

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

    public static Subject customerByHash(String emailHash) {
        return new Subject(Type.CUSTOMER, emailHash);
    }
}
