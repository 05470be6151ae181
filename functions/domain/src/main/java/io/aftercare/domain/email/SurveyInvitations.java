package io.aftercare.domain.email;

import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.shop.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Port: what a survey email needs from the surveys (the one cap across them, the survey record, its links). */
public interface SurveyInvitations {

    /** Whether another survey reached the customer within {@code cap} (the shop's survey cap), so this one is not sent. */
    boolean capped(ClaimedAction action, String emailHash, Duration cap, Instant now);

    /**
     * Records the survey the action sends (before the email goes: write first, send after; a retried action keeps the
     * first record) and makes its links.
     */
    Invitation invite(ClaimedAction action, EmailKind kind, OrderState order, String emailHash, Language language, Instant now);

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
