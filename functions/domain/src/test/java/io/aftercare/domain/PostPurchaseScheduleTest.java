package io.aftercare.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.order.Tracking;
import io.aftercare.domain.recording.PostPurchaseSchedule;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostPurchaseScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final OrderId ORDER = new OrderId("1042");
    private static final ShopSettings SHOP = new ShopSettings(Platform.SHOPIFY, "Kettle House",
            new EmailAddress("hello@kettlehouse.example"), new EmailAddress("help@kettlehouse.example"), Language.PL,
            ZoneId.of("Europe/Warsaw"), Duration.ofDays(60), Duration.ofDays(7), Duration.ofDays(4), Optional.empty(), Branding.DEFAULT, SupportSettings.defaults());

    private final PostPurchaseSchedule schedule = new PostPurchaseSchedule();

    @Test
    void givenTheOrderCreatedDelivery_whenScheduled_thenAThankYouIsDueNowAndACheckInAfterTheShopsDelay() {
        Instant placed = NOW.minusSeconds(30);

        List<DueAction> actions = schedule.actionsFor(SHOP, created(placed), NOW);

        assertThat(actions).containsExactly(
                new DueAction("thank-you#1042", EmailKind.THANK_YOU.action(), io.aftercare.domain.timeline.Subject.order(ORDER), NOW),
                new DueAction("check-in#1042", EmailKind.CHECK_IN.action(), io.aftercare.domain.timeline.Subject.order(ORDER), placed.plus(Duration.ofDays(60))));
    }

    @Test
    void givenALaterUpdateOfTheSameOrder_whenScheduled_thenNothingIsScheduledAgain() {
        var update = new OrderUpdate(ORDER, NOW, Optional.of(snapshot(NOW)), List.of(new OrderFact.Placed(NOW)), Optional.empty(), false);

        assertThat(schedule.actionsFor(SHOP, update, NOW)).isEmpty();
    }

    @Test
    void givenAnOrderPlacedThreeDaysAgo_whenItsCreationArrives_thenNoThankYouButTheCheckInStill() {
        assertThat(schedule.actionsFor(SHOP, created(NOW.minus(Duration.ofDays(3))), NOW))
                .extracting(DueAction::kind).containsExactly(EmailKind.CHECK_IN.action());
    }

    @Test
    void givenAnOrderOlderThanTheCheckInDelay_whenItsCreationArrives_thenNothingIsScheduled() {
        assertThat(schedule.actionsFor(SHOP, created(NOW.minus(Duration.ofDays(90))), NOW)).isEmpty();
    }

    @Test
    void givenADeliveredParcel_whenScheduled_thenTheSurveyIsDueTheShopsSurveyDelayLater() {
        Instant delivered = NOW.minus(Duration.ofHours(1));
        var update = update(new OrderFact.ShipmentProgressed("f1", ShipmentStatus.DELIVERED, delivered, Optional.empty()));

        assertThat(surveys(schedule.actionsFor(SHOP, update, NOW))).singleElement()
                .extracting(DueAction::dueAt).isEqualTo(delivered.plus(Duration.ofDays(7)));
    }

    @Test
    void givenAShipmentWithoutTracking_whenScheduled_thenTheSurveyWaitsTheTransitEstimateAndTheSurveyDelay() {
        var update = update(new OrderFact.FulfilmentChanged("f1", FulfilmentStatus.SHIPPED, NOW, new Tracking(Optional.empty(), Optional.empty(), Optional.empty())));

        assertThat(surveys(schedule.actionsFor(SHOP, update, NOW))).singleElement()
                .extracting(DueAction::dueAt).isEqualTo(NOW.plus(Duration.ofDays(4 + 7)));
    }

    @Test
    void givenATrackedShipment_whenScheduled_thenTheSurveyWaitsForTheDelivery() {
        var update = update(new OrderFact.FulfilmentChanged("f1", FulfilmentStatus.SHIPPED, NOW, new Tracking(Optional.of("DHL"), Optional.of("JD1"), Optional.empty())));

        assertThat(schedule.actionsFor(SHOP, update, NOW)).isEmpty();
    }

    @Test
    void givenADeliveryLongAgo_whenItsEventArrivesLate_thenNoSurveyIsSentForIt() {
        var update = update(new OrderFact.ShipmentProgressed("f1", ShipmentStatus.DELIVERED, NOW.minus(Duration.ofDays(40)), Optional.empty()));

        assertThat(surveys(schedule.actionsFor(SHOP, update, NOW))).isEmpty();
    }

    /** The survey's actions: other emails due after a delivery have moments of their own. */
    private static List<DueAction> surveys(List<DueAction> actions) {
        return actions.stream().filter(a -> a.kind().equals(EmailKind.SURVEY.action())).toList();
    }

    private static OrderUpdate created(Instant placed) {
        return new OrderUpdate(ORDER, placed, Optional.of(snapshot(placed)), List.of(new OrderFact.Placed(placed)), Optional.empty(), true);
    }

    private static OrderUpdate update(OrderFact fact) {
        return new OrderUpdate(ORDER, NOW, Optional.empty(), List.of(fact), Optional.empty(), false);
    }

    private static OrderSnapshot snapshot(Instant placed) {
        return new OrderSnapshot(ORDER, "#1042", placed, Money.of("10.00", "PLN"), List.of(), Optional.empty());
    }
}
