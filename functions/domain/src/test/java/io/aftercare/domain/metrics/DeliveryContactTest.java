package io.aftercare.domain.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.fakes.InMemoryRecipients;
import io.aftercare.domain.fakes.InMemoryShops;
import io.aftercare.domain.fakes.InMemoryTickets;
import io.aftercare.domain.fakes.InMemoryTimelines;
import io.aftercare.domain.fakes.TestShops;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Did the shop speak first about a delivery problem: the fold of an order's changes, in whichever order they are told. */
class DeliveryContactTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    private static final ShopId KETTLE = new ShopId("kettle");
    private static final Instant PROBLEM = Instant.parse("2026-11-09T09:00:00Z");

    @Test
    void anApologyBeforeTheCustomerWroteCountsTheProblemAsSpokenFirstWithItsTimeOnTheProblemsDay() {
        Tally t = folded(told(parcel(ShipmentStatus.FAILURE, PROBLEM)), told(apology(PROBLEM.plus(Duration.ofMinutes(5)))),
                contact -> contact.customerWrote(PROBLEM.plus(Duration.ofHours(2))));
        assertThat(t.count(Measure.DELIVERY_PROBLEMS)).isEqualTo(1);
        assertThat(t.count(Measure.DELIVERY_SPOKE_FIRST)).isEqualTo(1);
        assertThat(DurationSketch.quantileSeconds(t, Measure.DELIVERY_FIRST_CONTACT, 0.5).orElseThrow()).isCloseTo(300L, within(3L));
    }

    @Test
    void aCustomerWhoWroteBeforeTheApologyWasNotSpokenToFirstThoughTheTimeToContactCounts() {
        Tally t = folded(told(parcel(ShipmentStatus.SILENT, PROBLEM)), contact -> contact.customerWrote(PROBLEM.minus(Duration.ofHours(1))),
                told(apology(PROBLEM.plus(Duration.ofMinutes(1)))));
        assertThat(t.count(Measure.DELIVERY_PROBLEMS)).isEqualTo(1);
        assertThat(t.count(Measure.DELIVERY_SPOKE_FIRST)).isZero();
        assertThat(DurationSketch.quantileSeconds(t, Measure.DELIVERY_FIRST_CONTACT, 0.5).orElseThrow()).isCloseTo(60L, within(1L));
    }

    @Test
    void aCustomersEarlierMessageToldAfterTheApologyTakesBackTheSpokenFirstItHadCounted() {
        var apologised = DeliveryContact.NONE.fold(DeliveryContact.NONE.problem(PROBLEM).contacted(PROBLEM.plus(Duration.ofMinutes(5))), "a", WARSAW)
                .orElseThrow();
        assertThat(sum(apologised.contributions()).count(Measure.DELIVERY_SPOKE_FIRST)).isEqualTo(1);
        var wroteEarlier = apologised.next().fold(apologised.next().customerWrote(PROBLEM.plus(Duration.ofMinutes(1))), "b", WARSAW).orElseThrow();
        Tally both = sum(apologised.contributions()).merge(sum(wroteEarlier.contributions()));
        assertThat(both.count(Measure.DELIVERY_SPOKE_FIRST)).isZero();
        assertThat(both.count(Measure.DELIVERY_PROBLEMS)).isEqualTo(1);
        assertThat(wroteEarlier.next().version()).isEqualTo(2);
    }

    @Test
    void aMessageBeforeTheProblemIsKnownIsRememberedAndCountsNothingUntilTheProblemComes() {
        var wrote = DeliveryContact.NONE.fold(DeliveryContact.NONE.customerWrote(PROBLEM), "m", WARSAW).orElseThrow();
        assertThat(wrote.contributions()).isEmpty();
        assertThat(wrote.next().customerWroteAt()).contains(PROBLEM);
        var problem = wrote.next().fold(wrote.next().problem(PROBLEM.plus(Duration.ofDays(1))), "p", WARSAW).orElseThrow();
        assertThat(problem.contributions()).singleElement().satisfies(c -> assertThat(c.day()).isEqualTo(LocalDate.of(2026, 11, 10)));
    }

    @Test
    void aSecondTellingOfTheSameProblemAndTheSameApologyChangesNothing() {
        var once = DeliveryContact.NONE.problem(PROBLEM).contacted(PROBLEM.plus(Duration.ofMinutes(5)));
        assertThat(once.fold(once.problem(PROBLEM.plus(Duration.ofHours(3))).contacted(PROBLEM.plus(Duration.ofHours(1))), "again", WARSAW)).isEmpty();
    }

    @Test
    void onlyAProblemStatusAndTheDeliveryProblemEmailTellAnythingOfTheCase() {
        assertThat(MetricsFold.delivery(parcel(ShipmentStatus.IN_TRANSIT, PROBLEM))).isEmpty();
        assertThat(MetricsFold.delivery(parcel(ShipmentStatus.DELIVERED, PROBLEM))).isEmpty();
        var thankYou = new TimelineEntry("sent", Subject.order(new OrderId("D-1")), PROBLEM, EntryKind.EMAIL_SENT,
                EntryText.of(Phrase.EMAIL_SENT).with("email", EmailKind.THANK_YOU.action().code()), Optional.empty());
        assertThat(MetricsFold.delivery(thankYou)).isEmpty();
        assertThat(MetricsFold.delivery(apology(PROBLEM))).isPresent();
    }

    @Test
    void anAgentsFirstReplyOnTheOrdersDeliveryCaseIsAContactAndOneOnTheCustomersOwnTicketIsNot() {
        var shops = new InMemoryShops();
        shops.create(TestShops.shop("kettle", TestShops.settings(WARSAW, SupportSettings.defaults()), PROBLEM));
        Clock clock = Clock.fixed(PROBLEM, ZoneOffset.UTC);
        var tickets = new TicketService(new InMemoryTickets(), new ShopCache(shops, clock), new InMemoryTimelines(), new InMemoryRecipients(), clock);
        Ticket caseTicket = opened(tickets, "delivery-D-1", true);
        Ticket customers = opened(tickets, "late-1", false);

        Ticket answered = tickets.reply(KETTLE, caseTicket.id(), caseTicket.version(), "Ola", "The carrier is on it.");
        assertThat(MetricsFold.deliveryCaseAnswered(Optional.empty(), caseTicket)).isEmpty();
        assertThat(MetricsFold.deliveryCaseAnswered(Optional.of(caseTicket), answered)).contains(PROBLEM);
        Ticket again = tickets.reply(KETTLE, answered.id(), answered.version(), "Ola", "Still on it.");
        assertThat(MetricsFold.deliveryCaseAnswered(Optional.of(answered), again)).isEmpty();
        Ticket other = tickets.reply(KETTLE, customers.id(), customers.version(), "Ola", "Sorry about that.");
        assertThat(MetricsFold.deliveryCaseAnswered(Optional.of(customers), other)).isEmpty();
    }

    private static Ticket opened(TicketService tickets, String complaintId, boolean raisedByAftercare) {
        return tickets.open(KETTLE, new TicketService.NewTicket(new CustomerContact(new EmailAddress("dora@example.com"), Optional.of("Dora"),
                Optional.empty()), "Parcel", "Held up", Optional.of(new OrderId("D-1")), Optional.empty(), true, Optional.of(complaintId),
                raisedByAftercare), Optional.empty());
    }

    /** The changes folded in turn, as the aggregator does, and everything they added summed. */
    @SafeVarargs
    private static Tally folded(UnaryOperator<DeliveryContact>... changes) {
        DeliveryContact contact = DeliveryContact.NONE;
        Tally total = Tally.EMPTY;
        for (int n = 0; n < changes.length; n++) {
            var fold = contact.fold(changes[n].apply(contact), "c" + n, WARSAW);
            if (fold.isPresent()) {
                total = total.merge(sum(fold.get().contributions()));
                contact = fold.get().next();
            }
        }
        return total;
    }

    private static UnaryOperator<DeliveryContact> told(TimelineEntry entry) {
        return MetricsFold.delivery(entry).orElseThrow();
    }

    private static Tally sum(List<Contribution> contributions) {
        return contributions.stream().map(Contribution::tally).reduce(Tally.EMPTY, Tally::merge);
    }

    private static TimelineEntry parcel(ShipmentStatus status, Instant at) {
        return new TimelineEntry("parcel-" + status, Subject.order(new OrderId("D-1")), at, EntryKind.SHIPMENT_UPDATED,
                EntryText.of(Phrase.PARCEL_UPDATED).code("status", Vocabulary.SHIPMENT, status).text("fulfilment", "f-1"), Optional.empty());
    }

    private static TimelineEntry apology(Instant at) {
        return new TimelineEntry("email-sent", Subject.order(new OrderId("D-1")), at, EntryKind.EMAIL_SENT,
                EntryText.of(Phrase.EMAIL_SENT).with("email", EmailKind.DELIVERY_PROBLEM.action().code()), Optional.empty());
    }
}
