package io.aftercare.domain.search;

import io.aftercare.domain.ShopId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Port: a shop's customers, orders and tickets found by email, order number, ticket number or name, from index items
 * written when they are recorded (never a scan). Terms are compared as {@link #normalize} makes them; a query matches
 * every term it is a prefix of.
 */
public interface Search {

    /** The most results of each kind an answer holds. */
    int LIMIT = 10;
    /** Terms are kept to this many characters, so a long name still fits a key; a longer query is cut the same way. */
    int TERM_CHARACTERS = 64;

    record CustomerHit(String email, String name) {
    }

    record OrderHit(String id, String number, String customerEmail) {
    }

    record TicketHit(String id, String number, String subject, String status) {
    }

    record Results(List<CustomerHit> customers, List<OrderHit> orders, List<TicketHit> tickets) {
    }

    Results find(ShopId shop, String query);

    /** Lower case, spaces collapsed, a leading {@code #} dropped (as order numbers are typed), cut to {@link #TERM_CHARACTERS}. */
    static String normalize(String text) {
        String flat = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        flat = flat.startsWith("#") ? flat.substring(1).strip() : flat;
        return flat.codePointCount(0, flat.length()) <= TERM_CHARACTERS ? flat : flat.substring(0, flat.offsetByCodePoints(0, TERM_CHARACTERS));
    }

    /**
     * A name is found by a prefix of any of its words onwards: "Ola Maria Nowak" by "ola", "maria no" and "nowak". A
     * word with an {@code @} is left out (shops send the address as the name), so no address lands in a key.
     */
    static Set<String> nameTerms(String name) {
        String[] words = Arrays.stream(normalize(name).split(" ")).filter(word -> !word.contains("@")).toArray(String[]::new);
        Set<String> terms = new LinkedHashSet<>();
        for (int i = 0; i < words.length; i++) {
            terms.add(normalize(String.join(" ", List.of(words).subList(i, words.length))));
        }
        terms.remove("");
        return terms;
    }

    /** A ticket number is found as written ({@code T-1042}) and by its digits ({@code 1042}). */
    static Set<String> ticketTerms(String number) {
        List<String> terms = new ArrayList<>(List.of(normalize(number)));
        String digits = number.replaceAll("[^0-9]", "");
        if (!digits.isEmpty()) {
            terms.add(digits);
        }
        return new LinkedHashSet<>(terms);
    }
}
