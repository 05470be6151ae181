package io.aftercare.domain.email;

import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: what a survey email needs from the surveys (the one cap across them, the survey record, its links). */
public interface SurveyInvitations {

    /** Whether another survey reached the customer within {@code cap} (the shop's survey cap), so this one is not sent. */
    boolean capped(ClaimedAction action, String emailHash, Duration cap, Instant now);

    /**
     * Records the survey the action sends (before the email goes: write first, send after; a retried action keeps the
     * first record) and makes its links.
     */
    Invitation invite(ClaimedAction action, EmailKind kind, About about, String emailHash, Language language, Instant now);

    /**
     * What a survey is about, captured when it is sent (a ticket reassigned later keeps its attribution).
     *
     * @param agent the ticket's assignee when it was sent, as members are named by id (their address's hash)
     */
    record About(Optional<OrderId> order, Optional<String> ticket, Optional<String> agent, Optional<String> team) {

        public static About order(OrderId order) {
            return new About(Optional.of(order), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /**
     * @param pageUrl the survey's page, which asks the question (for templates that link to it)
     * @param scores one link per score, lowest first: a click records it
     */
    record Invitation(String pageUrl, List<EmailContent.ScoreLink> scores) {

        public Invitation {
            scores = List.copyOf(scores);
        }
    }
}
