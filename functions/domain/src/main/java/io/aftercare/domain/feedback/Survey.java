package io.aftercare.domain.feedback;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One survey sent to one customer, kept for good: what it was about, captured when it was sent (the order, the ticket,
 * its assignee and team, so a reassigned ticket keeps its attribution), and the customer's answer.
 *
 * @param id the sending action's id: every try of one action names the same survey
 * @param followUp the ticket a low score opened (or was added to), once it did
 * @param version counts the writes, for the conditional write of the next one
 */
public record Survey(ShopId shop, String id, SurveyKind kind, String emailHash, Language language, Optional<OrderId> order,
                     Optional<String> ticket, Optional<String> agent, Optional<String> team, Instant sentAt,
                     Optional<Integer> score, Optional<String> comment, Optional<Instant> answeredAt, Optional<Instant> changedAt,
                     Optional<String> followUp, long version) {

    /** Links in the email count nothing after this long. */
    public static final Duration LINKS_LAST = Duration.ofDays(28);
    /** An answer can be changed (another score clicked, a comment added) for this long after it was first given. */
    public static final Duration CHANGEABLE = Duration.ofDays(7);
    /** The most a comment keeps, in characters. */
    public static final int MAX_COMMENT = 2_000;

    public Survey {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    /** A survey as sent, not answered yet. */
    public static Survey sent(ShopId shop, String id, SurveyKind kind, String emailHash, Language language, Optional<OrderId> order,
                              Optional<String> ticket, Optional<String> agent, Optional<String> team, Instant sentAt) {
        return new Survey(shop, id, kind, emailHash, language, order, ticket, agent, team, sentAt, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    public boolean linksExpired(Instant now) {
        return !now.isBefore(sentAt.plus(LINKS_LAST));
    }

    /** Not answered yet, or answered less than {@link #CHANGEABLE} ago. */
    public boolean changeable(Instant now) {
        return answeredAt.map(first -> now.isBefore(first.plus(CHANGEABLE))).orElse(true);
    }

    public Survey answered(int newScore, Instant now) {
        return new Survey(shop, id, kind, emailHash, language, order, ticket, agent, team, sentAt, Optional.of(newScore), comment,
                answeredAt.or(() -> Optional.of(now)), answeredAt.isPresent() ? Optional.of(now) : Optional.empty(), followUp, version + 1);
    }

    public Survey commented(String text) {
        return new Survey(shop, id, kind, emailHash, language, order, ticket, agent, team, sentAt, score, Optional.of(text),
                answeredAt, changedAt, followUp, version + 1);
    }

    public Survey followedUpIn(String ticketId) {
        return new Survey(shop, id, kind, emailHash, language, order, ticket, agent, team, sentAt, score, comment,
                answeredAt, changedAt, Optional.of(ticketId), version + 1);
    }

    /** Answered with a score its kind follows up. */
    public boolean low() {
        return score.filter(kind::low).isPresent();
    }
}
