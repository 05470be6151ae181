package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import io.aftercare.devkit.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Duplicate and out-of-order deliveries are normal: nothing is lost, nothing happens twice. */
@ExtendWith(DynamoDbExtension.class)
class DuplicateAndLateDeliveryTest {

    private static final Instant T = Instant.parse("2022-01-01T00:01:00Z");
    private static Harness aftercare;

    @BeforeAll
    static void registerShops(TestTable table) {
        aftercare = new Harness(table, T);
        aftercare.registerShop("tenfold", "shopify");
        aftercare.registerShop("late", "shopify");
        aftercare.registerShop("same-second", "woocommerce");
        aftercare.registerShop("cased", "generic");
        aftercare.registerShop("spaced", "generic");
    }

    @Test
    void givenTheSameDeliverySentTenTimesAtOnce_whenHandled_thenOneSetOfEntriesAndActionsExistsAndAllTenAreAnswered200() throws Exception {
        byte[] order = Fixtures.shopify("orders-create.json");
        var pool = Executors.newFixedThreadPool(10);
        List<Harness.Response> responses;
        try {
            List<Callable<Harness.Response>> sends = IntStream.range(0, 10)
                    .<Callable<Harness.Response>>mapToObj(i -> () -> aftercare.shopify("tenfold", order, "orders/create", "same-webhook-id", T))
                    .toList();
            responses = all(pool.invokeAll(sends));
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(responses).filteredOn(r -> r.json().path("status").asText().equals("recorded")).hasSize(1);
        assertThat(responses).filteredOn(r -> r.json().path("status").asText().equals("duplicate")).hasSize(9);
        assertThat(aftercare.orderTimeline("tenfold", "820982911946154508").path("items")).hasSize(4); // placed, cancelled, 2 scheduled
        // the order's thank-you and check-in, once (the shop's weekly summary, written when it was registered, is the shop's)
        assertThat(aftercare.table.allItems()).filteredOn(i -> i.get("PK").s().startsWith("SHOP#tenfold#ACTION#"))
                .filteredOn(i -> i.get("actionId").s().endsWith("#820982911946154508")).hasSize(2);
    }

    @Test
    void givenTenDifferentWooCommerceDeliveriesSharingOneSecondsDeliveryId_whenSentAtOnceAndOneAgain_thenAllTenAreRecordedAndOnlyTheRetryIsADuplicate() throws Exception {
        // WooCommerce's delivery id is wp_hash(webhook id . unix second): one webhook's deliveries within a second share it
        String deliveryId = "3c7a9b1e0f6d2a4c8b5e7f9a1d3c5b7e";
        List<byte[]> bodies = IntStream.range(0, 10).mapToObj(i -> new String(Fixtures.wooCommerce("order-created.json"), StandardCharsets.UTF_8)
                .replace("\"id\": 727,", "\"id\": " + (9000 + i) + ",").getBytes(StandardCharsets.UTF_8)).toList();
        var pool = Executors.newFixedThreadPool(10);
        List<Harness.Response> responses;
        try {
            responses = all(pool.invokeAll(bodies.stream().<Callable<Harness.Response>>map(body -> () -> wooCommerce(body, deliveryId)).toList()));
        } finally {
            pool.shutdownNow();
        }
        var retry = wooCommerce(bodies.get(3), deliveryId);

        long recorded = responses.stream().filter(r -> r.json().path("status").asText().equals("recorded")).count();
        long duplicates = responses.stream().filter(r -> r.json().path("status").asText().equals("duplicate")).count();
        long lost = IntStream.range(0, 10).filter(i -> aftercare.order("same-second", String.valueOf(9000 + i)).path("id").isMissingNode()).count();
        System.out.printf("WooCommerce same-second: sent %d + 1 retry, recorded %d, answered duplicate %d + retry %s, lost %d%n",
                bodies.size(), recorded, duplicates, retry.json().path("status").asText(), lost);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(recorded).isEqualTo(10);
        assertThat(lost).isZero();
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("status").asText()).isEqualTo("duplicate");
    }

    @Test
    void givenGenericDeliveryIdsThatDifferOnlyInCase_whenEachIsSent_thenEachIsRecorded() {
        List<String> ids = List.of("Evt_9aB", "evt_9ab", "evt-\u03a3", "evt-\u03c3", "evt-\u2126", "evt-\u03c9");
        List<String> statuses = IntStream.range(0, ids.size()).mapToObj(i -> aftercare.generic("cased", """
                {"schema": "aftercare.webhook.v1", "id": "%s", "type": "order.created", "occurred_at": "2022-01-01T00:00:00Z",
                 "data": {"id": "CASE-%d", "created_at": "2022-01-01T00:00:00Z", "currency": "EUR", "total": "10.00",
                          "customer": {"email": "case-%d@example.com"}}}""".formatted(ids.get(i), i, i)).json().path("status").asText()).toList();

        assertThat(statuses).containsOnly("recorded");
        assertThat(aftercare.generic("cased", """
                {"schema": "aftercare.webhook.v1", "id": "Evt_9aB", "type": "order.created", "occurred_at": "2022-01-01T00:00:00Z",
                 "data": {"id": "CASE-0", "created_at": "2022-01-01T00:00:00Z", "currency": "EUR", "total": "10.00",
                          "customer": {"email": "case-0@example.com"}}}""").json().path("status").asText()).isEqualTo("duplicate");
    }

    @Test
    void givenGenericDeliveryIdsThatDifferOnlyInSpaces_whenEachIsSent_thenEachIsRecordedAndABlankIdIsRefused() {
        List<String> ids = List.of("evt", " evt", "evt ");
        List<String> statuses = IntStream.range(0, ids.size()).mapToObj(i -> spaced(ids.get(i), i).json().path("status").asText()).toList();

        assertThat(statuses).containsOnly("recorded");
        assertThat(spaced(" evt", 1).json().path("status").asText()).isEqualTo("duplicate");
        assertThat(spaced("   ", 3).status()).isEqualTo(400);
    }

    private static Harness.Response spaced(String deliveryId, int order) {
        return aftercare.generic("spaced", """
                {"schema": "aftercare.webhook.v1", "id": "%s", "type": "order.created", "occurred_at": "2022-01-01T00:00:00Z",
                 "data": {"id": "SPACE-%d", "created_at": "2022-01-01T00:00:00Z", "currency": "EUR", "total": "10.00",
                          "customer": {"email": "space-%d@example.com"}}}""".formatted(deliveryId, order, order));
    }

    private static Harness.Response wooCommerce(byte[] body, String deliveryId) {
        return aftercare.webhook("woocommerce", "same-second", WebhookSigner.wooCommerce(Harness.SECRET, body, "order.created", deliveryId), body);
    }

    private static List<Harness.Response> all(List<Future<Harness.Response>> futures) {
        return futures.stream().map(f -> {
            try {
                return f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void givenANewerOrderUpdate_whenAnOlderOneArrivesAfterIt_thenNothingChanges() {
        byte[] newer = new String(Fixtures.shopify("orders-create.json"), StandardCharsets.UTF_8)
                .replace("\"name\": \"#9999\"", "\"name\": \"#9999-renamed\"").getBytes(StandardCharsets.UTF_8);
        aftercare.shopify("late", Fixtures.shopify("orders-create.json"), "orders/create", "create", T);
        aftercare.shopify("late", newer, "orders/updated", "newer", T.plusSeconds(60));
        var orderBefore = aftercare.order("late", "820982911946154508");
        var timelineBefore = aftercare.orderTimeline("late", "820982911946154508");
        int itemsBefore = aftercare.table.itemCount();

        var older = aftercare.shopify("late", Fixtures.shopify("orders-create.json"), "orders/updated", "older", T.plusSeconds(30));

        assertThat(older.status()).isEqualTo(200);
        assertThat(aftercare.order("late", "820982911946154508")).isEqualTo(orderBefore);
        assertThat(orderBefore.path("name").asText()).isEqualTo("#9999-renamed");
        assertThat(aftercare.orderTimeline("late", "820982911946154508")).isEqualTo(timelineBefore);
        assertThat(aftercare.table.itemCount()).as("no item is new: the order remembers the delivery").isEqualTo(itemsBefore);
        assertThat(aftercare.shopify("late", Fixtures.shopify("orders-create.json"), "orders/updated", "older", T.plusSeconds(30))
                .json().path("status").asText()).isEqualTo("duplicate");
    }

    @Test
    void givenASignedOrderUpdateReplayedWithATriggerTimeIn2099_whenTheNextRealUpdateArrives_thenItIsApplied(TestTable table) {
        var replayedAt = new Harness(table, T);
        replayedAt.registerShop("replayed", "shopify");
        replayedAt.shopify("replayed", Fixtures.shopify("orders-create.json"), "orders/create", "create", T);
        var replay = replayedAt.shopify("replayed", Fixtures.shopify("orders-create.json"), "orders/updated", "replay", Instant.parse("2099-01-01T00:00:00Z"));
        replayedAt.clock.advance(Duration.ofMinutes(10));

        replayedAt.shopify("replayed", updatedAt("2022-01-01T00:10:00Z"), "orders/updated", "real", T.plus(Duration.ofMinutes(10)));

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replayedAt.order("replayed", "820982911946154508").path("name").asText()).isEqualTo("#9999-renamed");
    }

    @Test
    void givenATriggerTimeFarBeyondThePayloadsOwnUpdatedAt_whenALaterUpdateArrives_thenTheTriggerWasClampedAndTheLaterUpdateIsApplied(TestTable table) {
        var nextDay = new Harness(table, T.plus(Duration.ofDays(1)));
        nextDay.registerShop("clamped", "shopify");
        nextDay.shopify("clamped", Fixtures.shopify("orders-create.json"), "orders/create", "create", T);
        nextDay.shopify("clamped", Fixtures.shopify("orders-create.json"), "orders/updated", "noon", T.plus(Duration.ofHours(12)));

        nextDay.shopify("clamped", updatedAt("2022-01-01T00:10:00Z"), "orders/updated", "later", T.plus(Duration.ofMinutes(10)));

        assertThat(nextDay.order("clamped", "820982911946154508").path("name").asText()).isEqualTo("#9999-renamed");
    }

    /** Shopify's sample order, renamed and updated at the given time. */
    private static byte[] updatedAt(String at) {
        return new String(Fixtures.shopify("orders-create.json"), StandardCharsets.UTF_8)
                .replace("\"name\": \"#9999\"", "\"name\": \"#9999-renamed\"")
                .replace("\"updated_at\": \"2021-12-31T19:00:00-05:00\"", "\"updated_at\": \"" + at + "\"").getBytes(StandardCharsets.UTF_8);
    }
}
