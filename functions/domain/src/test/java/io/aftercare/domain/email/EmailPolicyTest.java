package io.aftercare.domain.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.Money;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.order.Milestone;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.order.ReturnState;
import io.aftercare.domain.order.ReturnLife;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.Refund;
import io.aftercare.domain.order.Return;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Every decision the send-time re-check makes, each for the one fact that causes it. It is Monday 10:00 UTC. */
class EmailPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant PLACED = NOW.minus(Duration.ofDays(1));
    private static final RecipientState ANYONE = new RecipientState(Set.of(), Optional.empty(), Optional.empty(), 0, Optional.empty());

    private final EmailPolicy policy = new EmailPolicy();

    @Test
    void givenAPaidOrderAndACustomerWithNothingAgainstMailing_whenACheckInIsDue_thenItIsSent() {
        assertThat(policy.decide(EmailKind.CHECK_IN, paid(), ANYONE, NOW)).isEqualTo(new EmailDecision.Send());
    }

    @Test
    void givenAnAddressThatBounced_whenEvenAThankYouIsDue_thenItIsSkippedAsSuppressedNamingTheCause() {
        var bounced = new RecipientState(Set.of(), Optional.of(Suppression.BOUNCED), Optional.empty(), 0, Optional.empty());

        assertThat(policy.decide(EmailKind.THANK_YOU, paid(), bounced, NOW)).isEqualTo(new EmailDecision.Skip(Reason.SUPPRESSED, Vocabulary.SUPPRESSION, Suppression.BOUNCED));
    }

    @Test
    void givenACancelledOrder_whenEvenAThankYouIsDue_thenItIsSkippedAsCancelled() {
        var cancelled = order(Map.of(Milestone.PLACED, PLACED, Milestone.CANCELLED, NOW), List.of(), List.of());

        assertThat(policy.decide(EmailKind.THANK_YOU, cancelled, ANYONE, NOW)).isEqualTo(new EmailDecision.Skip(Reason.ORDER_CANCELLED));
    }

    @Test
    void givenEverythingThatStopsAFollowUp_whenATransactionalEmailIsDue_thenItIsStillSent() {
        var unhappy = new RecipientState(EnumSet.of(EmailCategory.ALL), Optional.empty(), Optional.of(NOW.minusSeconds(60)), 2, Optional.of(NOW));
        var refundedAndReturned = order(Map.of(Milestone.PLACED, PLACED), List.of(refund("100.00")), List.of(returning(ReturnEvent.REQUESTED)));

        for (EmailKind kind : EmailKind.values()) {
            if (kind.category() == EmailCategory.TRANSACTIONAL) {
                assertThat(policy.decide(kind, refundedAndReturned, unhappy, NOW)).as(kind.slug()).isEqualTo(new EmailDecision.Send());
            }
        }
    }

    @Test
    void givenAnOrderRefundedInPartOrInFull_whenACheckInOrASurveyIsDue_thenEachIsSkippedNamingWhich() {
        var partly = order(Map.of(Milestone.PLACED, PLACED), List.of(refund("0.01")), List.of());
        var whole = order(Map.of(Milestone.PLACED, PLACED), List.of(refund("60.00"), refund("40.00")), List.of());

        for (EmailKind kind : List.of(EmailKind.CHECK_IN, EmailKind.SURVEY)) {
            assertThat(policy.decide(kind, partly, ANYONE, NOW)).as(kind.slug()).isEqualTo(new EmailDecision.Skip(Reason.ORDER_PARTLY_REFUNDED));
            assertThat(policy.decide(kind, whole, ANYONE, NOW)).as(kind.slug()).isEqualTo(new EmailDecision.Skip(Reason.ORDER_REFUNDED));
        }
    }

    @Test
    void givenAnOrderWithAReturnAtAnyStep_whenASurveyIsDue_thenGoodsOnTheirWayBackAndGoodsBackAreEachTheirOwnReasonNamingTheState() {
        for (ReturnEvent step : ReturnEvent.values()) {
            var returning = order(Map.of(Milestone.PLACED, PLACED), List.of(), List.of(returning(step)));
            ReturnState state = ReturnLife.start(step);
            EmailDecision expected = state.completed() ? new EmailDecision.Skip(Reason.RETURN_COMPLETED, Vocabulary.RETURN_STATE, state)
                    : state.underway() ? new EmailDecision.Skip(Reason.BEING_RETURNED, Vocabulary.RETURN_STATE, state) : new EmailDecision.Send();

            assertThat(policy.decide(EmailKind.SURVEY, returning, ANYONE, NOW)).as(step.name()).isEqualTo(expected);
            assertThat(policy.decide(EmailKind.CHECK_IN, returning, ANYONE, NOW)).as(step.name()).isEqualTo(expected);
        }
        assertThat(ReturnLife.start(ReturnEvent.RECEIVED).completed()).isTrue();
        assertThat(ReturnLife.start(ReturnEvent.APPROVED).underway()).isTrue();
    }

    @Test
    void givenAPartlyRefundedOrderWithTwoReturns_whenACheckInIsDue_thenTheReturnWhoseGoodsCameBackIsTheReason() {
        var order = order(Map.of(Milestone.PLACED, PLACED), List.of(refund("10.00")),
                List.of(returning(ReturnEvent.APPROVED), new Return("ret-2", ReturnEvent.CLOSED, NOW)));

        assertThat(policy.decide(EmailKind.CHECK_IN, order, ANYONE, NOW))
                .isEqualTo(new EmailDecision.Skip(Reason.RETURN_COMPLETED, Vocabulary.RETURN_STATE, ReturnState.CLOSED));
    }

    @Test
    void givenACustomerWithAnOpenComplaint_whenACheckInIsDue_thenItIsSkippedUntilTheComplaintIsResolved() {
        var complaining = new RecipientState(Set.of(), Optional.empty(), Optional.empty(), 1, Optional.of(NOW));

        assertThat(policy.decide(EmailKind.CHECK_IN, paid(), complaining, NOW)).isEqualTo(new EmailDecision.Skip(Reason.COMPLAINT_OPEN));
    }

    @Test
    void givenACustomerWhoLeftSurveys_whenASurveyOrACheckInIsDue_thenOnlyTheSurveyIsSkippedNamingTheCategory() {
        var noSurveys = new RecipientState(EnumSet.of(EmailCategory.SURVEYS), Optional.empty(), Optional.empty(), 0, Optional.empty());

        assertThat(policy.decide(EmailKind.SURVEY, paid(), noSurveys, NOW)).isEqualTo(new EmailDecision.Skip(Reason.UNSUBSCRIBED, Vocabulary.CATEGORY, EmailCategory.SURVEYS));
        assertThat(policy.decide(EmailKind.CHECK_IN, paid(), noSurveys, NOW)).isEqualTo(new EmailDecision.Send());
    }

    @Test
    void givenACustomerWhoLeftEverything_whenACheckInIsDue_thenItIsSkippedNamingItsOwnCategory() {
        var none = new RecipientState(EnumSet.of(EmailCategory.ALL), Optional.empty(), Optional.empty(), 0, Optional.empty());

        assertThat(policy.decide(EmailKind.CHECK_IN, paid(), none, NOW)).isEqualTo(new EmailDecision.Skip(Reason.UNSUBSCRIBED, Vocabulary.CATEGORY, EmailCategory.FOLLOW_UPS));
    }

    @Property(tries = 300)
    void givenAFollowUpSentAtAnyTimeBefore_whenTheNextIsDue_thenItIsPostponedToSixteenHoursAfterItOrSent(
            @ForAll @LongRange(min = 0, max = 3 * 24 * 3600) long secondsAgo) {
        Instant last = NOW.minusSeconds(secondsAgo);
        var mailed = new RecipientState(Set.of(), Optional.empty(), Optional.of(last), 0, Optional.empty());

        EmailDecision decision = policy.decide(EmailKind.SURVEY, paid(), mailed, NOW);

        if (secondsAgo < EmailPolicy.FREQUENCY_CAP.toSeconds()) {
            assertThat(decision).isEqualTo(new EmailDecision.Postpone(last.plus(EmailPolicy.FREQUENCY_CAP), Reason.FREQUENCY_CAP));
        } else {
            assertThat(decision).isEqualTo(new EmailDecision.Send());
        }
    }

    @Test
    void givenAFollowUpExactlySixteenHoursAgo_whenTheNextIsDue_thenItIsSent() {
        var mailed = new RecipientState(Set.of(), Optional.empty(), Optional.of(NOW.minus(EmailPolicy.FREQUENCY_CAP)), 0, Optional.empty());

        assertThat(policy.decide(EmailKind.CHECK_IN, paid(), mailed, NOW)).isEqualTo(new EmailDecision.Send());
    }

    @Test
    void givenASuppressedAddressOnACancelledRefundedOrder_whenAnythingIsDue_thenTheCancellationIsTheReasonGivenForItIsKnownBeforeTheRecipient() {
        var bounced = new RecipientState(EnumSet.of(EmailCategory.ALL), Optional.of(Suppression.COMPLAINED), Optional.of(NOW), 1, Optional.empty());
        var worst = order(Map.of(Milestone.CANCELLED, NOW), List.of(refund("100.00")), List.of(returning(ReturnEvent.REQUESTED)));

        for (EmailKind kind : EmailKind.values()) {
            // a cancelled order's refund notice is still due, so what stops it is the recipient
            var expected = kind == EmailKind.REFUND_ISSUED
                    ? new EmailDecision.Skip(Reason.SUPPRESSED, Vocabulary.SUPPRESSION, Suppression.COMPLAINED) : new EmailDecision.Skip(Reason.ORDER_CANCELLED);
            assertThat(policy.decide(kind, worst, bounced, NOW)).as(kind.slug()).isEqualTo(expected);
            assertThat(policy.forRecipient(kind, bounced, NOW)).as(kind.slug())
                    .isEqualTo(new EmailDecision.Skip(Reason.SUPPRESSED, Vocabulary.SUPPRESSION, Suppression.COMPLAINED));
        }
    }

    @Test
    void givenARefundedAndReturnedOrder_whenItsCustomerEffortSurveyIsDue_thenTheRefundItAsksAboutDoesNotStopIt() {
        var refundedAndReturned = order(Map.of(Milestone.PLACED, PLACED), List.of(refund("100.00")), List.of(returning(ReturnEvent.REFUNDED)));

        assertThat(policy.decide(EmailKind.CES_SURVEY, refundedAndReturned, ANYONE, NOW)).isEqualTo(new EmailDecision.Send());
        assertThat(policy.decide(EmailKind.SURVEY, refundedAndReturned, ANYONE, NOW)).isEqualTo(new EmailDecision.Skip(Reason.ORDER_REFUNDED));
    }

    @Test
    void givenARefundedOrderWithAComplaintOpen_whenItsCustomerEffortSurveyIsDue_thenItIsSkippedLikeAnyFollowUp() {
        var complaining = new RecipientState(Set.of(), Optional.empty(), Optional.empty(), 1, Optional.of(NOW));
        var refunded = order(Map.of(Milestone.PLACED, PLACED), List.of(refund("100.00")), List.of());

        assertThat(policy.decide(EmailKind.CES_SURVEY, refunded, complaining, NOW)).isEqualTo(new EmailDecision.Skip(Reason.COMPLAINT_OPEN));
    }

    private static OrderState paid() {
        return order(Map.of(Milestone.PLACED, PLACED, Milestone.PAID, PLACED), List.of(), List.of());
    }

    private static OrderState order(Map<Milestone, Instant> milestones, List<Refund> refunds, List<Return> returns) {
        var snapshot = new OrderSnapshot(new OrderId("1042"), "#1042", PLACED, Money.of("100.00", "EUR"), List.of(), Optional.empty());
        return new OrderState(new OrderId("1042"), Optional.of(snapshot), milestones, refunds, returns, Optional.empty(), Optional.empty());
    }

    private static Refund refund(String amount) {
        return new Refund("r-" + amount, Money.of(amount, "EUR"), NOW);
    }

    private static Return returning(ReturnEvent step) {
        return new Return("ret-1", step, NOW);
    }
}
