package io.aftercare.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.fakes.InMemoryRecipients;
import io.aftercare.domain.fakes.NoDiscounts;
import io.aftercare.domain.fakes.NoPrivacyRequests;
import io.aftercare.domain.fakes.InMemoryRecordings;
import io.aftercare.domain.fakes.InMemoryShops;
import io.aftercare.domain.fakes.InMemoryTickets;
import io.aftercare.domain.fakes.InMemoryTimelines;
import io.aftercare.domain.fakes.LinePlatform;
import io.aftercare.domain.fakes.TestShops;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ReturnLocation;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.Vocabulary;
import io.aftercare.domain.webhook.WebhookOutcome.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Ingestion against in-memory shops, recordings and tickets, through a line-based test platform: every answer a
 * delivery can get, and what was written for it. It is Monday 10:00 UTC.
 */
class WebhookIngestionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String ORDER = "id=evt-1\ntopic=order.created\norder=1042\nat=2026-11-23T09:59:00Z";
    private static final String RECEIVED = "id=evt-9\ntopic=return.received\nrfo=rfo-7\nat=2026-11-23T09:30:00Z";
    private static final String COMPLAINT = "id=evt-7\ntopic=complaint.created\ncomplaint=77\nemail=ola@example.pl\nsubject=Kettle leaks\nmessage=It leaks.";

    private final InMemoryShops shops = new InMemoryShops();
    private final InMemoryRecordings recordings = new InMemoryRecordings();
    private final InMemoryTickets tickets = new InMemoryTickets();
    private WebhookIngestion ingestion = ingestionAt(NOW);

    WebhookIngestionTest() {
        shops.create(TestShops.shop("kettle", TestShops.settings(ZoneOffset.UTC, SupportSettings.defaults()), NOW));
    }

    @Test
    void givenASignedOrderCreation_whenAccepted_thenItIsRecordedWithAThankYouNowAndACheckInLater() {
        WebhookOutcome outcome = ingestion.accept(signed("kettle", ORDER));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Recorded.class, recorded -> {
            assertThat(recorded.deliveryId()).isEqualTo("evt-1");
            assertThat(recorded.scheduled()).containsExactly("thank-you#1042", "check-in#1042");
            assertThat(recorded.ticket()).isEmpty();
        });
        assertThat(recordings.recorded()).singleElement().satisfies(r -> {
            assertThat(r.deliveryKey()).isEqualTo("generic:evt-1");
            assertThat(r.receivedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void givenTheSameDeliveryTwice_whenAccepted_thenTheSecondIsADuplicateAndRecordsNothing() {
        ingestion.accept(signed("kettle", ORDER));

        assertThat(ingestion.accept(signed("kettle", ORDER))).isEqualTo(new WebhookOutcome.Duplicate("evt-1"));
        assertThat(recordings.recorded()).hasSize(1);
    }

    @Test
    void givenAnotherDeliveryAboutTheSameOrder_whenAccepted_thenItIsRecordedButSchedulesNothingNew() {
        ingestion.accept(signed("kettle", ORDER));

        WebhookOutcome again = ingestion.accept(signed("kettle", ORDER.replace("evt-1", "evt-2")));

        assertThat(again).isInstanceOfSatisfying(WebhookOutcome.Recorded.class, r -> assertThat(r.scheduled()).isEmpty());
        assertThat(recordings.recorded()).hasSize(2);
    }

    @Test
    void givenAWrongSignature_whenAccepted_thenItIsUnauthorizedAndNothingIsRecorded() {
        var delivery = delivery("kettle", ORDER, LinePlatform.sign(new Secret("not-the-shops-secret-at-all"), ORDER));

        assertRejected(ingestion.accept(delivery), Reason.UNAUTHORIZED);
    }

    @Test
    void givenNoSignatureOrOneThatIsNotHex_whenAccepted_thenItIsUnauthorized() {
        assertRejected(ingestion.accept(new WebhookDelivery("generic", "kettle", Map.of(), bytes(ORDER))), Reason.UNAUTHORIZED);
        assertRejected(ingestion.accept(delivery("kettle", ORDER, "zz-not-hex")), Reason.UNAUTHORIZED);
    }

    @Test
    void givenAnUnknownShopOrAShopIdThatCannotBeOne_whenAccepted_thenTheAnswerIsTheSameAsForAWrongSignature() {
        assertRejected(ingestion.accept(signed("no-such-shop", ORDER)), Reason.UNAUTHORIZED);
        assertRejected(ingestion.accept(signed("../kettle", ORDER)), Reason.UNAUTHORIZED);
    }

    @Test
    void givenAShopOfAnotherPlatform_whenItsUrlIsUsedForThisOne_thenItIsUnauthorized() {
        var shopify = TestShops.settings(ZoneOffset.UTC, SupportSettings.defaults());
        shops.create(TestShops.shop("shopify-shop", new ShopSettings(Platform.SHOPIFY,
                shopify.brandName(), shopify.senderEmail(), shopify.replyToEmail(), shopify.defaultLanguage(), shopify.timeZone(),
                shopify.checkInDelay(), shopify.surveyDelay(), shopify.transitEstimate(), shopify.thankYouDiscount(), shopify.branding(),
                shopify.support()), NOW));

        assertRejected(ingestion.accept(signed("shopify-shop", ORDER)), Reason.UNAUTHORIZED);
    }

    @Test
    void givenASecretRotation_whenTheOldSecretSignsWithinTheOverlap_thenItIsAcceptedAndAfterwardsRefused() {
        Secret old = TestShops.SECRET;
        Shop shop = shops.find(new ShopId("kettle")).orElseThrow();
        shops.update(shop.withSecrets(shop.secrets().rotateTo(new Secret("the-new-kettle-house-secret"), NOW, Duration.ofHours(1)), NOW));
        var byOldSecret = delivery("kettle", ORDER, LinePlatform.sign(old, ORDER));

        assertThat(ingestionAt(NOW.plus(Duration.ofMinutes(59))).accept(byOldSecret)).isInstanceOf(WebhookOutcome.Recorded.class);
        String later = ORDER.replace("evt-1", "evt-2");
        assertThat(ingestionAt(NOW.plus(Duration.ofHours(1))).accept(delivery("kettle", later, LinePlatform.sign(old, later))))
                .isInstanceOfSatisfying(WebhookOutcome.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.UNAUTHORIZED));
        assertThat(recordings.recorded()).hasSize(1);
    }

    @Test
    void givenAPlatformNobodyServes_whenAccepted_thenItIsAnUnknownPlatform() {
        assertRejected(ingestion.accept(new WebhookDelivery("magento", "kettle", Map.of(), bytes(ORDER))), Reason.UNKNOWN_PLATFORM);
        assertRejected(ingestion.accept(new WebhookDelivery("shopify", "kettle", Map.of(), bytes(ORDER))), Reason.UNKNOWN_PLATFORM);
    }

    @Test
    void givenABodyOneByteOverTheLimit_whenAccepted_thenItIsTooLargeBeforeItsSignatureIsLookedAt() {
        byte[] body = new byte[WebhookIngestion.MAX_BODY_BYTES + 1];

        assertRejected(ingestion.accept(new WebhookDelivery("generic", "kettle", Map.of(), body)), Reason.PAYLOAD_TOO_LARGE);
    }

    @Test
    void givenABodyExactlyAtTheLimit_whenAccepted_thenItGetsAsFarAsItsSignature() {
        byte[] body = new byte[WebhookIngestion.MAX_BODY_BYTES];

        assertRejected(ingestion.accept(new WebhookDelivery("generic", "kettle", Map.of(), body)), Reason.UNAUTHORIZED);
    }

    @Test
    void givenATopicAftercareDoesNotUse_whenAccepted_thenItIsIgnoredAndNothingIsRecorded() {
        assertThat(ingestion.accept(signed("kettle", "id=evt-3\ntopic=product.updated"))).isEqualTo(new WebhookOutcome.Ignored("product.updated"));
        assertThat(recordings.recorded()).isEmpty();
    }

    @Test
    void givenASignedBodyThatCannotBeUnderstood_whenAccepted_thenItIsRejectedWithThePlatformsReasonAndNothingIsRecorded() {
        assertRejected(ingestion.accept(signed("kettle", "this is not a delivery")), Reason.MALFORMED_JSON);
        assertRejected(ingestion.accept(signed("kettle", "id=evt-4\ntopic=order.created")), Reason.INVALID_PAYLOAD);
    }

    @Test
    void givenADeliveryIdLongerThanTheDedupeKeyHolds_whenAccepted_thenItIsInvalidAndNothingIsRecorded() {
        assertRejected(ingestion.accept(signed("kettle", ORDER.replace("evt-1", "e".repeat(2000)))), Reason.INVALID_PAYLOAD);
    }

    @Test
    void givenAnOrderOtherWritersKeepChanging_whenAccepted_thenTheAnswerIsRetryLaterAndNothingIsRecorded() {
        recordings.contend();

        assertThat(ingestion.accept(signed("kettle", ORDER))).isInstanceOf(WebhookOutcome.RetryLater.class);
        assertThat(recordings.recorded()).isEmpty();
    }

    @Test
    void givenANewComplaint_whenAccepted_thenItOpensTicketT1001AndNothingIsRecordedAsOrderFacts() {
        WebhookOutcome outcome = ingestion.accept(signed("kettle", COMPLAINT));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Recorded.class, r -> assertThat(r.ticket()).contains("T-1001"));
        assertThat(tickets.written()).singleElement().satisfies(c -> assertThat(c.ticket().id()).isEqualTo("c-77"));
        assertThat(recordings.recorded()).isEmpty();
    }

    @Test
    void givenTheSameComplaintDeliveryTwice_whenAccepted_thenTheSecondIsADuplicate() {
        ingestion.accept(signed("kettle", COMPLAINT));

        assertThat(ingestion.accept(signed("kettle", COMPLAINT))).isEqualTo(new WebhookOutcome.Duplicate("evt-7"));
        assertThat(tickets.written()).hasSize(1);
    }

    @Test
    void givenTheSameComplaintInAnotherDelivery_whenAccepted_thenItAnswersWithTheTicketItOpenedBefore() {
        ingestion.accept(signed("kettle", COMPLAINT));

        WebhookOutcome again = ingestion.accept(signed("kettle", COMPLAINT.replace("evt-7", "evt-8")));

        assertThat(again).isInstanceOfSatisfying(WebhookOutcome.Recorded.class, r -> assertThat(r.ticket()).contains("T-1001"));
        assertThat(tickets.written()).hasSize(1);
    }

    @Test
    void givenAFollowUpThatLosesTwoRaces_whenAccepted_thenItIsRetriedAndRecordedOnTheTicket() {
        ingestion.accept(signed("kettle", COMPLAINT));
        tickets.loseRaces(2);

        WebhookOutcome outcome = ingestion.accept(signed("kettle", "id=evt-9\ntopic=complaint.message\ncomplaint=77\nmessage=Any news?"));

        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Recorded.class, r -> assertThat(r.ticket()).contains("T-1001"));
        assertThat(tickets.written()).extracting(c -> c.ticket().version()).containsExactly(1L, 2L);
    }

    @Test
    void givenAFollowUpThatLosesEveryRace_whenAccepted_thenTheAnswerIsRetryLaterAndTheTicketIsUnchanged() {
        ingestion.accept(signed("kettle", COMPLAINT));
        tickets.loseRaces(Integer.MAX_VALUE);

        WebhookOutcome outcome = ingestion.accept(signed("kettle", "id=evt-9\ntopic=complaint.message\ncomplaint=77\nmessage=Any news?"));

        assertThat(outcome).isInstanceOf(WebhookOutcome.RetryLater.class);
        assertThat(tickets.written()).hasSize(1);
    }

    @Test
    void givenAFollowUpToAComplaintNeverReceived_whenAccepted_thenItIsInvalid() {
        assertRejected(ingestion.accept(signed("kettle", "id=evt-9\ntopic=complaint.message\ncomplaint=404\nmessage=Hello?")), Reason.INVALID_PAYLOAD);
        assertThat(tickets.written()).isEmpty();
    }

    @Test
    void givenAReturnStepNamingOnlyAReverseFulfilmentOrderTheShopsApiPlaces_whenAccepted_thenItIsRecordedOnThatOrdersReturnKnownByBothNames() {
        var disposed = new ReturnReference(ReturnReference.Kind.REVERSE_FULFILMENT_ORDER, "rfo-7");
        List<ReturnReference> askedTheShop = new ArrayList<>();
        ingestion = ingestionAt(NOW, ReturnLocator.NONE, (shop, reference) -> {
            askedTheShop.add(reference);
            return new ReturnLocator.Answer.Found(new ReturnLocation(new OrderId("1042"), "ret-1"));
        });

        var outcome = ingestion.accept(signed("kettle", RECEIVED));

        assertThat(outcome).isInstanceOf(WebhookOutcome.Recorded.class);
        assertThat(askedTheShop).containsExactly(disposed);
        var order = recordings.recorded().get(0).order().orElseThrow();
        assertThat(order.orderId()).isEqualTo(new OrderId("1042"));
        assertThat(order.facts()).singleElement().isInstanceOfSatisfying(OrderFact.ReturnChanged.class, step -> {
            assertThat(step.returnId()).isEqualTo("ret-1");
            assertThat(step.event()).isEqualTo(ReturnEvent.RECEIVED);
            assertThat(step.knownAs()).containsExactlyInAnyOrder(disposed, ReturnReference.ofReturn("ret-1"));
        });
    }

    @Test
    void givenAReturnStepTheShopsApiCannotBeAskedAboutNow_whenAccepted_thenItIsRetryLaterAndNothingIsRecorded() {
        ingestion = ingestionAt(NOW, ReturnLocator.NONE, (shop, reference) -> new ReturnLocator.Answer.TryLater());

        assertThat(ingestion.accept(signed("kettle", RECEIVED))).isInstanceOf(WebhookOutcome.RetryLater.class);
        assertThat(recordings.recorded()).as("nothing recorded").isEmpty();
        assertThat(recordings.notes()).as("nothing noted").isEmpty();
        assertThat(ingestion.accept(signed("kettle", RECEIVED))).as("sent again: still no dedupe marker").isInstanceOf(WebhookOutcome.RetryLater.class);
    }

    @Test
    void givenAReturnStepNeitherThePointersNorTheShopsApiCanEverPlace_whenAcceptedTwice_thenItIsNotPlacedOnceWithANoteOnTheShopsTrailAndThenADuplicate() {
        ingestion = ingestionAt(NOW, ReturnLocator.NONE, (shop, reference) -> new ReturnLocator.Answer.CannotBeLocated(ReturnLocator.Why.REFUSED));

        var first = ingestion.accept(signed("kettle", RECEIVED));
        var again = ingestion.accept(signed("kettle", RECEIVED));

        assertThat(first).isEqualTo(new WebhookOutcome.NotPlaced("evt-9", "return.received", ReturnLocator.Why.REFUSED));
        assertThat(again).isInstanceOf(WebhookOutcome.Duplicate.class);
        assertThat(recordings.recorded()).as("nothing applied").isEmpty();
        assertThat(recordings.notes()).singleElement().satisfies(note -> {
            assertThat(note.subject()).isEqualTo(Subject.shop(new ShopId("kettle")));
            assertThat(note.kind()).isEqualTo(EntryKind.RETURN_ANOMALY);
            assertThat(note.deliveryId()).contains("evt-9");
            assertThat(note.text()).isEqualTo(EntryText.of(Phrase.RETURN_NOT_LOCATED).text("rfo", "rfo-7")
                    .code("event", Vocabulary.RETURN, ReturnEvent.RECEIVED).flag("refused", true));
        });
    }

    @Test
    void givenAStepNamingAReturnByItsOwnIdTheShopCannotBeAskedAbout_whenAccepted_thenItIsRetryLaterForTheReturnsOwnDeliveryToPlaceIt() {
        String byReturnId = RECEIVED.replace("rfo=rfo-7", "return=ret-1");
        for (var why : List.of(ReturnLocator.Why.NO_TOKEN, ReturnLocator.Why.REFUSED)) {
            ingestion = ingestionAt(NOW, ReturnLocator.NONE, (shop, reference) -> new ReturnLocator.Answer.CannotBeLocated(why));

            assertThat(ingestion.accept(signed("kettle", byReturnId))).as(why.name()).isInstanceOf(WebhookOutcome.RetryLater.class);
        }
        assertThat(recordings.notes()).as("nothing noted").isEmpty();

        ingestion = ingestionAt(NOW, ReturnLocator.NONE, (shop, reference) -> new ReturnLocator.Answer.CannotBeLocated(ReturnLocator.Why.UNKNOWN));
        assertThat(ingestion.accept(signed("kettle", byReturnId))).as("a return the shop says is not there")
                .isEqualTo(new WebhookOutcome.NotPlaced("evt-9", "return.received", ReturnLocator.Why.UNKNOWN));
        assertThat(recordings.notes()).singleElement().satisfies(note -> assertThat(note.text()).isEqualTo(EntryText.of(Phrase.RETURN_NOT_LOCATED)
                .text("return", "ret-1").code("event", Vocabulary.RETURN, ReturnEvent.RECEIVED).flag("unknown", true)));
    }

    @Test
    void givenAReturnStepAPointerPlaces_whenAccepted_thenTheShopsApiIsNotAsked() {
        ingestion = ingestionAt(NOW, (shop, reference) -> new ReturnLocator.Answer.Found(new ReturnLocation(new OrderId("1042"), "ret-1")), (shop, reference) -> {
            throw new AssertionError("the shop's API was asked for " + reference);
        });

        assertThat(ingestion.accept(signed("kettle", RECEIVED))).isInstanceOf(WebhookOutcome.Recorded.class);
    }

    @Property(tries = 200)
    void givenASignedDeliveryWithAnyOneByteChanged_whenAccepted_thenItIsUnauthorizedAndNothingIsRecorded(
            @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] body = bytes(ORDER);
        body[at % body.length] ^= (byte) flip;
        var tampered = new WebhookDelivery("generic", "kettle", Map.of("X-Signature", LinePlatform.sign(TestShops.SECRET, ORDER)), body);

        assertRejected(ingestion.accept(tampered), Reason.UNAUTHORIZED);
    }

    private void assertRejected(WebhookOutcome outcome, Reason reason) {
        assertThat(outcome).isInstanceOfSatisfying(WebhookOutcome.Rejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
        assertThat(recordings.recorded()).as("nothing recorded").isEmpty();
    }

    private WebhookIngestion ingestionAt(Instant now) {
        return ingestionAt(now, ReturnLocator.NONE, ReturnLocator.NONE);
    }

    private WebhookIngestion ingestionAt(Instant now, ReturnLocator recordedReturns, ReturnLocator shopReturns) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        ShopCache cache = new ShopCache(shops, clock);
        var service = new TicketService(tickets, cache, new InMemoryTimelines(), new InMemoryRecipients(), clock);
        return new WebhookIngestion(cache, List.of(new LinePlatform()), recordings, service, NoDiscounts.redemptions(clock), NoPrivacyRequests.requests(clock), recordedReturns, shopReturns, clock);
    }

    private static WebhookDelivery signed(String shop, String body) {
        return delivery(shop, body, LinePlatform.sign(TestShops.SECRET, body));
    }

    private static WebhookDelivery delivery(String shop, String body, String signature) {
        return new WebhookDelivery("generic", shop, Map.of("X-Signature", signature), bytes(body));
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
