package io.aftercare.domain.ticket;

import java.security.SecureRandom;

/**
 * How tickets are named. A complaint the shop sent is named after the shop's own complaint id, so that the same
 * complaint, in another delivery or in a follow-up, finds its ticket; one an agent opens gets a random name.
 */
public final class TicketId {

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TicketId() {
    }

    /** The ticket of the shop's complaint {@code complaintId}. */
    public static String ofComplaint(String complaintId) {
        return "c-" + complaintId;
    }

    /** A new ticket's name, for a complaint with no id of the shop's. */
    public static String random() {
        var id = new StringBuilder("t-");
        for (int i = 0; i < 10; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
