package io.aftercare.domain.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Money;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.event.ComplaintEvent;
import io.aftercare.domain.event.CustomerUpdate;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.fakes.TestShops;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** What a delivery records, decided without storage or a clock: the time is handed in. It is Monday 10:00 UTC. */
class RecordingPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Shop WARSAW = TestShops.shop("warsaw", TestShops.settings(ZoneId.of("Europe/Warsaw"), SupportSettings.defaults()), NOW);
    private static final Shop UTC = TestShops.shop("utc", TestShops.settings(ZoneOffset.UTC, SupportSettings.defaults()), NOW);

    private final RecordingPolicy policy = new RecordingPolicy();

    @Test
    void givenANewOrder_whenPlanned_thenItsFactAndEachScheduledEmailGetATimelineEntryInTheShopsTimeZone() {
        Recording recording = policy.plan(WARSAW, "generic:evt-1", "evt-1", "order.created", created(NOW), NOW);

        assertThat(recording.order().orElseThrow().actions()).extracting(DueAction::kind).containsExactly(EmailKind.THANK_YOU.action(), EmailKind.CHECK_IN.action());
        assertThat(recording.order().orElseThrow().entries()).extracting(TimelineEntry::text).endsWith(
                scheduled(EmailKind.THANK_YOU.action(), "2026-11-23T11:00", WARSAW),
                scheduled(EmailKind.CHECK_IN.action(), "2027-01-22T11:00", WARSAW));
        assertThat(recording.order().orElseThrow().entries()).allSatisfy(e -> assertThat(e.deliveryId()).contains("evt-1"));
    }

    @Test
    void givenTheSameOrderAtAShopInAnotherZone_whenPlanned_thenTheSameMomentsAreWordedInThatZone() {
        Recording warsaw = policy.plan(WARSAW, "generic:evt-1", "evt-1", "order.created", created(NOW), NOW);
        Recording utc = policy.plan(UTC, "generic:evt-1", "evt-1", "order.created", created(NOW), NOW);

        assertThat(utc.order().orElseThrow().actions()).isEqualTo(warsaw.order().orElseThrow().actions());
        assertThat(utc.order().orElseThrow().entries()).extracting(TimelineEntry::text).last().isEqualTo(scheduled(EmailKind.CHECK_IN.action(), "2027-01-22T10:00", UTC));
    }

    @Test
    void givenACancellation_whenPlanned_thenTheFactIsRecordedAndNoEmailIsScheduled() {
        var cancelled = update(new OrderFact.Cancelled(NOW, Optional.of("customer")));

        OrderRecording order = policy.plan(UTC, "generic:evt-2", "evt-2", "order.updated", cancelled, NOW).order().orElseThrow();

        assertThat(order.facts()).isEqualTo(cancelled.facts());
        assertThat(order.actions()).isEmpty();
        assertThat(order.entries()).hasSize(1);
    }

    @Test
    void givenARefund_whenPlanned_thenTheFactIsRecordedItsNoticeIsDueAtOnceAndTheCustomerEffortSurveyADayLater() {
        var refunded = update(new OrderFact.Refunded("r-1", Money.of("10.00", "EUR"), NOW, Optional.empty()));

        OrderRecording order = policy.plan(UTC, "generic:evt-2", "evt-2", "order.updated", refunded, NOW).order().orElseThrow();

        assertThat(order.facts()).isEqualTo(refunded.facts());
        assertThat(order.actions()).contains(new DueAction("refund-issued#" + refunded.orderId().value() + "~r-1",
                EmailKind.REFUND_ISSUED.action(), Subject.order(refunded.orderId()), Optional.of(new ActionDetail.OfRefund("r-1")), NOW));
        assertThat(order.actions()).extracting(a -> a.kind().slug(), a -> a.dueAt()).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("refund-issued", NOW),
                org.assertj.core.groups.Tuple.tuple("ces-survey", NOW.plus(java.time.Duration.ofDays(1))));
    }

    @Test
    void givenACustomerUpdate_whenPlanned_thenOnlyTheCustomerIsRecordedWithAProfileEntry() {
        var contact = new CustomerContact(new EmailAddress("ola@example.pl"), Optional.of("Ola"), Optional.empty());

        Recording recording = policy.plan(UTC, "generic:evt-3", "evt-3", "customer.updated", new CustomerUpdate(contact, NOW), NOW);

        assertThat(recording.order()).isEmpty();
        assertThat(recording.customer()).hasValueSatisfying(c -> assertThat(c.entries()).hasSize(1));
    }

    @Test
    void givenAComplaint_whenPlanned_thenItIsRefusedForItIsRecordedAsATicket() {
        assertThatThrownBy(() -> policy.plan(UTC, "generic:evt-4", "evt-4", "complaint.created",
                new ComplaintEvent.CustomerMessage("77", "Hello?"), NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void givenAnOrderPlacedAnyTimeInTheLastYear_whenItsCreationArrives_thenAThankYouOnlyWithinTwoDaysAndNoEmailIsDueInThePast(
            @ForAll @LongRange(min = 0, max = 400 * 24) long hoursAgo) {
        Instant placed = NOW.minus(Duration.ofHours(hoursAgo));

        List<DueAction> actions = policy.plan(UTC, "generic:evt-5", "evt-5", "order.created", created(placed), NOW).order().orElseThrow().actions();

        assertThat(actions).allSatisfy(a -> assertThat(a.dueAt()).isAfterOrEqualTo(NOW));
        assertThat(actions.stream().anyMatch(a -> a.kind().equals(EmailKind.THANK_YOU.action()))).isEqualTo(hoursAgo <= 48);
        assertThat(actions.stream().anyMatch(a -> a.kind().equals(EmailKind.CHECK_IN.action()))).isEqualTo(hoursAgo < 60 * 24);
    }

    private static OrderUpdate created(Instant placed) {
        return new OrderUpdate(new OrderId("1042"), placed, Optional.empty(), List.of(new OrderFact.Placed(placed)), Optional.empty(), true);
    }

    private static OrderUpdate update(OrderFact fact) {
        return new OrderUpdate(new OrderId("1042"), NOW, Optional.empty(), List.of(fact), Optional.empty(), false);
    }

    /** "<email> scheduled for <local time> (<zone>)", as the entry says it: the moment with the shop's zone. */
    private static EntryText scheduled(ActionKind kind, String localTime, Shop shop) {
        ZoneId zone = shop.settings().timeZone();
        return EntryText.of(Phrase.EMAIL_SCHEDULED).with("email", kind.code())
                .moment("due", LocalDateTime.parse(localTime).atZone(zone).toInstant(), zone);
    }
}
