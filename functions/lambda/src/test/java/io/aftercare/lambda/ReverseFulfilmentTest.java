package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.ShopApiServer.Answer;
import io.aftercare.devkit.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shopify's reverse fulfilment topics, which name a return (or its reverse fulfilment order) without its order, end to
 * end: Shopify's genuine samples signed as Shopify signs them, the webhook handler, DynamoDB Local, the checks run by
 * the sweep and the action handler (the return's checks), and the shop's Admin API served by a local HTTP server.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class ReverseFulfilmentTest {

    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");
    /** The order and return of Shopify's returns/* samples, which the attach_deliverable sample names too. */
    private static final String ORDER = "4783296544821";
    private static final String RETURN = "123134564567890";
    private static final String ATTACH = "reverse-deliveries-attach-deliverable.2025-01.json";
    private static final String DISPOSE = "reverse-fulfillment-orders-dispose.2025-01.json";
    /** What Shopify's Admin API answers for the dispose sample's reverse fulfilment order 11111111: it is of the samples' return. */
    private static final String RFO_OF_THE_SAMPLES_RETURN = """
            {"data":{"reverseFulfillmentOrder":{"order":{"id":"gid://shopify/Order/4783296544821","returns":{"nodes":[
              {"id":"gid://shopify/Return/123134564567890","reverseFulfillmentOrders":{"nodes":[{"id":"gid://shopify/ReverseFulfillmentOrder/11111111"}]}}
            ]}}}}}""";

    private static SesMailbox ses;
    private Harness aftercare;

    /** The sweep and the action handler need the action queue, which the harness builds with the SES emulator. */
    @BeforeAll
    static void start(SesMailbox emulator) {
        ses = emulator;
    }

    @BeforeEach
    void freshTable(TestTable table) {
        aftercare = new Harness(table, NOW, ses);
    }

    @Test
    void givenAnApprovedReturn_whenShopifysAttachDeliverableSampleArrives_thenTheReturnIsOnItsWayBackWithTheCarrierAndTrackingOnItsTimeline() {
        aftercare.registerShop("label", "shopify");
        assertThat(send("label", "returns-approve.json", "returns/approve", NOW.minus(Duration.ofHours(1))).status()).isEqualTo(200);

        var attached = send("label", ATTACH, "reverse_deliveries/attach_deliverable", NOW);
        aftercare.sweepAndWork();

        assertThat(attached.status()).as(attached.body()).isEqualTo(200);
        assertThat(attached.json().path("status").asText()).isEqualTo("recorded");
        assertThat(state("label")).isEqualTo("in_transit");
        assertThat(returnSummaries("label")).contains("Return " + RETURN + " on its way back with USPS 123345345",
                "Return " + RETURN + " of order " + ORDER + " is now on its way back").noneMatch(s -> s.contains("cannot follow"));
    }

    @Test
    void givenAReturnOnItsWayBack_whenShopifysDisposeSampleArrivesTwice_thenTheShopsApiIsAskedOnceAndTheReturnIsReceivedWithTwoItemsRestockedOnce() {
        shopWithAdminApiToken("disposed");
        send("disposed", "returns-approve.json", "returns/approve", NOW.minus(Duration.ofHours(2)));
        send("disposed", ATTACH, "reverse_deliveries/attach_deliverable", NOW.minus(Duration.ofHours(1)));
        aftercare.shopApis().answer(Answer.json(200, RFO_OF_THE_SAMPLES_RETURN));

        String webhookId = UUID.randomUUID().toString();
        var disposed = aftercare.shopify("disposed", Fixtures.shopify(DISPOSE), "reverse_fulfillment_orders/dispose", webhookId, NOW);
        var redelivered = aftercare.shopify("disposed", Fixtures.shopify(DISPOSE), "reverse_fulfillment_orders/dispose", webhookId, NOW);
        // the same disposal told by another delivery: the pointer written with the first names the return now
        var retold = send("disposed", DISPOSE, "reverse_fulfillment_orders/dispose", NOW);
        aftercare.sweepAndWork();

        assertThat(disposed.status()).as(disposed.body()).isEqualTo(200);
        assertThat(disposed.json().path("status").asText()).isEqualTo("recorded");
        assertThat(redelivered.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(retold.status()).isEqualTo(200);
        assertThat(aftercare.shopApis().received()).as("Shopify asked which return 11111111 is part of, once").hasSize(1);
        assertThat(aftercare.shopApis().received().get(0).body()).contains("gid://shopify/ReverseFulfillmentOrder/11111111");
        assertThat(state("disposed")).isEqualTo("received");
        assertThat(returnSummaries("disposed")).containsOnlyOnce("Return " + RETURN + " received, 2 restocked")
                .contains("Return " + RETURN + " of order " + ORDER + " is now received");
        assertThat(aftercare.orderTimeline("disposed", ORDER).path("items")).filteredOn(e -> e.path("summary").asText().contains("2 restocked"))
                .hasSize(1);
    }

    @Test
    void givenTheDisposalArrivingBeforeTheTrackingItFollowed_whenBothAreRecorded_thenTheReturnEndsReceivedWithNoAnomaly() {
        shopWithAdminApiToken("early-dispose");
        send("early-dispose", "returns-approve.json", "returns/approve", NOW.minus(Duration.ofHours(3)));
        aftercare.shopApis().answer(Answer.json(200, RFO_OF_THE_SAMPLES_RETURN));

        assertThat(send("early-dispose", DISPOSE, "reverse_fulfillment_orders/dispose", NOW.minus(Duration.ofHours(1))).status()).isEqualTo(200);
        assertThat(send("early-dispose", ATTACH, "reverse_deliveries/attach_deliverable", NOW.minus(Duration.ofHours(2))).status()).isEqualTo(200);
        aftercare.sweepAndWork();

        assertThat(state("early-dispose")).isEqualTo("received");
        assertThat(returnSummaries("early-dispose")).noneMatch(s -> s.contains("cannot follow"))
                .contains("Return " + RETURN + " of order " + ORDER + " is now received");
    }

    @Test
    void givenATrackingForAReturnAftercareHasNotHeardOf_whenItArrives_thenItIsAnswered503WithNothingWrittenAndRecordedWhenSentAgainAfterTheReturn() {
        aftercare.registerShop("early-label", "shopify");

        String webhookId = UUID.randomUUID().toString();
        var tooEarly = aftercare.shopify("early-label", Fixtures.shopify(ATTACH), "reverse_deliveries/attach_deliverable", webhookId, NOW);

        assertThat(tooEarly.status()).as(tooEarly.body()).isEqualTo(503);
        assertThat(tooEarly.json().path("error").asText()).isEqualTo("retry_later");
        assertThat(aftercare.agent("GET /api/shops/{shop}/orders/{orderId}", Map.of("shop", "early-label", "orderId", ORDER), Map.of()).status())
                .as("no order, no return").isEqualTo(404);
        assertThat(returnSummaries("early-label")).isEmpty();

        send("early-label", "returns-approve.json", "returns/approve", NOW.minus(Duration.ofHours(1)));
        // Shopify's retry of the same delivery: its first answer left no dedupe marker
        var sentAgain = aftercare.shopify("early-label", Fixtures.shopify(ATTACH), "reverse_deliveries/attach_deliverable", webhookId, NOW);

        assertThat(sentAgain.status()).as(sentAgain.body()).isEqualTo(200);
        assertThat(state("early-label")).isEqualTo("in_transit");
    }

    @Test
    void givenADisposalWhoseReturnCannotBeLocatedForGood_whenItArrivesTwice_thenItIsRecordedNotPlacedWithOneLineOnTheShopsAuditTrailAndTheRetryIsADuplicate() {
        aftercare.registerShop("no-token", "shopify");
        Map<String, Answer> shopify = new LinkedHashMap<>();
        shopify.put("refused-401", Answer.json(401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}"));
        shopify.put("refused-403", Answer.json(403, "{\"errors\":\"[API] This action requires merchant approval for read_returns scope.\"}"));
        shopify.put("unknown-rfo", Answer.json(200, "{\"data\":{\"reverseFulfillmentOrder\":null}}"));
        shopify.keySet().forEach(this::shopWithAdminApiToken);
        Map<String, String> why = Map.of("no-token", "the shop has no Admin API token set to ask Shopify with",
                "refused-401", "Shopify refused the shop's Admin API token (it needs read_returns and read_orders)",
                "refused-403", "Shopify refused the shop's Admin API token (it needs read_returns and read_orders)",
                "unknown-rfo", "Shopify knows no such return");

        for (String shop : List.of("no-token", "refused-401", "refused-403", "unknown-rfo")) {
            Optional.ofNullable(shopify.get(shop)).ifPresent(answer -> aftercare.shopApis().answer(answer));
            String webhookId = UUID.randomUUID().toString();
            var disposed = aftercare.shopify(shop, Fixtures.shopify(DISPOSE), "reverse_fulfillment_orders/dispose", webhookId, NOW);
            var retried = aftercare.shopify(shop, Fixtures.shopify(DISPOSE), "reverse_fulfillment_orders/dispose", webhookId, NOW);

            assertThat(disposed.status()).as(shop + ": " + disposed.body()).isEqualTo(200);
            assertThat(disposed.json().path("status").asText()).as(shop).isEqualTo("recorded");
            assertThat(disposed.json().path("placed").asBoolean(true)).as(shop).isFalse();
            assertThat(disposed.json().path("note").asText()).as(shop).contains("cannot be located", "audit trail");
            assertThat(retried.status()).as(shop).isEqualTo(200);
            assertThat(retried.json().path("status").asText()).as(shop + ": the retry").isEqualTo("duplicate");
            assertThat(aftercare.auditTrail(shop)).as(shop).filteredOn(line -> line.contains("could not be placed")).containsExactly(
                    "Return step \"received\" for reverse fulfilment order 11111111 could not be placed on any order: " + why.get(shop)
                            + "; recorded, not applied");
            assertThat(aftercare.agent("GET /api/shops/{shop}/orders/{orderId}", Map.of("shop", shop, "orderId", ORDER), Map.of()).status())
                    .as(shop + ": no order, no return").isEqualTo(404);
        }
        // the retry asks again (no pointer places it) and is found a duplicate when written; the shop without a token is never asked
        assertThat(aftercare.shopApis().received()).as("each delivery to the three shops with a token asked").hasSize(6);
    }

    @Test
    void givenADisposalWhileShopifyIsThrottledFailingOrSilent_whenItArrives_thenItIsAnswered503WithNothingWrittenAndRecordedWhenSentAgain() {
        shopWithAdminApiToken("busy");
        send("busy", "returns-approve.json", "returns/approve", NOW.minus(Duration.ofHours(2)));
        String webhookId = UUID.randomUUID().toString();

        for (Answer busy : List.of(Answer.json(429, "{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.\"}"),
                Answer.json(200, "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}]}"),
                Answer.json(502, "<html>Bad Gateway</html>"))) {
            aftercare.shopApis().answer(busy);
            var disposed = aftercare.shopify("busy", Fixtures.shopify(DISPOSE), "reverse_fulfillment_orders/dispose", webhookId, NOW);
            assertThat(disposed.status()).as(busy.status() + ": " + disposed.body()).isEqualTo(503);
            assertThat(disposed.json().path("error").asText()).isEqualTo("retry_later");
        }
        // no answer within the lookup's deadline
        aftercare.shopApis().answeringAfter(Duration.ofMillis(1800)).answer(Answer.json(200, RFO_OF_THE_SAMPLES_RETURN));
        assertThat(aftercare.shopify("busy", Fixtures.shopify(DISPOSE), "reverse_fulfillment_orders/dispose", webhookId, NOW).status())
                .as("no answer in time").isEqualTo(503);
        assertThat(aftercare.auditTrail("busy")).noneMatch(line -> line.contains("could not be placed"));
        assertThat(returnSummaries("busy")).noneMatch(line -> line.contains("restocked"));

        aftercare.shopApis().answeringAfter(Duration.ZERO);
        var sentAgain = aftercare.shopify("busy", Fixtures.shopify(DISPOSE), "reverse_fulfillment_orders/dispose", webhookId, NOW);

        assertThat(sentAgain.status()).as("no dedupe marker was left: " + sentAgain.body()).isEqualTo(200);
        assertThat(sentAgain.json().path("status").asText()).isEqualTo("recorded");
        assertThat(sentAgain.json().has("placed")).isFalse();
        assertThat(state("busy")).isEqualTo("received");
    }

    private void shopWithAdminApiToken(String shop) {
        aftercare.registerShop(shop, "shopify");
        var saved = aftercare.admin("PUT /admin/shops/{shop}/discount-access", Map.of("shop", shop),
                "{\"shopDomain\": \"" + shop + ".myshopify.com\", \"adminAccessToken\": \"shpat_0123456789abcdef0123456789abcdef\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private Harness.Response send(String shop, String fixture, String topic, Instant triggeredAt) {
        return aftercare.shopify(shop, Fixtures.shopify(fixture), topic, UUID.randomUUID().toString(), triggeredAt);
    }

    private String state(String shop) {
        return aftercare.order(shop, ORDER).path("returns").get(0).path("state").asText();
    }

    private List<String> returnSummaries(String shop) {
        return aftercare.returnSummaries(shop, ORDER, RETURN);
    }
}
