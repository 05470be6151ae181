package io.aftercare.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.discount.DiscountAccess;
import io.aftercare.domain.discount.DiscountPool;
import io.aftercare.domain.discount.IssuedDiscount;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.timeline.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

@ExtendWith(DynamoDbExtension.class)
class DynamoDiscountsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static DynamoDiscountPool pool;
    private static DynamoIssuedDiscounts issued;
    private static DynamoShopRepository shops;

    @BeforeAll
    static void createTable(TestTable table) {
        pool = new DynamoDiscountPool(table.client(), table.name());
        issued = new DynamoIssuedDiscounts(table.client(), table.name(), DynamoActionStore.DEFAULT_DUE_SHARDS);
        shops = new DynamoShopRepository(table.client(), table.name());
    }

    @Test
    void givenTwentyActionsAtOnce_whenEachAsksThePoolForACode_thenEachGetsADifferentOneAndTheCountFallsByTwenty() throws Exception {
        ShopId shop = new ShopId("pool-race");
        pool.add(shop, IntStream.rangeClosed(1, 30).mapToObj(i -> "POOL-" + i).toList());
        var start = new CountDownLatch(1);
        List<Future<Optional<DiscountPool.HandedOut>>> handOuts = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                String action = "thank-you#" + i;
                handOuts.add(threads.submit(() -> {
                    start.await();
                    return pool.handOut(shop, action);
                }));
            }
            start.countDown();
            List<String> codes = new ArrayList<>();
            List<Long> lefts = new ArrayList<>();
            for (var handOut : handOuts) {
                var got = handOut.get().orElseThrow();
                codes.add(got.code());
                lefts.add(got.leftAfterTaking().orElseThrow());
            }
            assertThat(codes).doesNotHaveDuplicates().hasSize(20);
            // every count from 29 down to 10 went to exactly one hand-out: the low-pool word is said once
            assertThat(lefts).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(10, 29).mapToObj(Long::valueOf).toList());
        }
        assertThat(pool.available(shop)).isEqualTo(10);
    }

    @Test
    void givenAnActionThatGotACode_whenItAsksAgain_thenItGetsTheSameCodeAndNoOtherIsTaken() {
        ShopId shop = new ShopId("pool-retry");
        pool.add(shop, List.of("AAA-1", "AAA-2"));

        var first = pool.handOut(shop, "goodwill#T-1").orElseThrow();
        var again = pool.handOut(shop, "goodwill#T-1").orElseThrow();

        assertThat(again).isEqualTo(new DiscountPool.HandedOut(first.code(), OptionalLong.empty()));
        assertThat(pool.available(shop)).isEqualTo(1);
    }

    @Test
    void givenAPoolUploadedBeforeKeysWereUpperCased_whenItsCodesAreHandedOutAndUploadedAgain_thenEachGoesOnceAndNoneJams(TestTable table) {
        ShopId shop = new ShopId("pool-legacy");
        String pk = Keys.pool(shop);
        var pool = new DynamoDiscountPool(table.client(), table.name());
        table.client().putItem(b -> b.tableName(table.name()).item(Map.of(Keys.PK, Items.s(pk), Keys.SK, Items.s(Keys.POOL_FREE_PREFIX + "thanks-1"), "code", Items.s("thanks-1"))));
        table.client().putItem(b -> b.tableName(table.name()).item(Map.of(Keys.PK, Items.s(pk), Keys.SK, Items.s(Keys.POOL_TAKEN_PREFIX + "thanks-0"),
                "code", Items.s("thanks-0"), "actionKey", Items.s("thank-you#0"))));
        table.client().putItem(b -> b.tableName(table.name()).item(Map.of(Keys.PK, Items.s(pk), Keys.SK, Items.s(Keys.POOL_COUNT), "freeCodes", Items.n(1))));

        assertThat(pool.handOut(shop, "thank-you#1").orElseThrow().code()).isEqualTo("thanks-1");
        assertThat(pool.add(shop, List.of("thanks-0", "thanks-1"))).as("both handed out already").isZero();
        assertThat(pool.handOut(shop, "thank-you#2")).isEmpty();
    }

    @Test
    void givenAnEmptiedPool_whenTheSameCodesAreUploadedAgain_thenNoneHandedOutComesBack() {
        ShopId shop = new ShopId("pool-reupload");
        pool.add(shop, List.of("BBB-1"));
        pool.handOut(shop, "thank-you#1").orElseThrow();

        assertThat(pool.handOut(shop, "thank-you#2")).isEmpty();
        assertThat(pool.add(shop, List.of("BBB-1", "BBB-2"))).isEqualTo(1);
        assertThat(pool.handOut(shop, "thank-you#2").orElseThrow().code()).isEqualTo("BBB-2");
    }

    @Test
    void givenTwoThousandCodes_whenUploaded_thenAboutEightyRequestsWriteThemAndTheCountSaysTwoThousand(TestTable table) {
        ShopId shop = new ShopId("pool-big");
        AtomicInteger requests = new AtomicInteger();
        var counted = watched(table, request -> requests.incrementAndGet());
        List<String> codes = IntStream.range(0, 2_000).mapToObj(i -> "BIG-" + i).toList();

        long started = System.nanoTime();
        int added = counted.add(shop, codes);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("2,000 pool codes uploaded in %d requests, %d ms%n", requests.get(), elapsedMs);

        assertThat(added).isEqualTo(2_000);
        assertThat(requests.get()).as("40 reads of 100 keys and 41 transactions of 49 codes").isLessThanOrEqualTo(81);
        var same = new DynamoDiscountPool(table.client(), table.name());
        assertThat(same.handOut(shop, "thank-you#big").orElseThrow().leftAfterTaking()).hasValue(1_999);
        assertThat(same.available(shop)).isEqualTo(1_999);
    }

    @Test
    void givenAnUploadCutShortByACrash_whenACodeIsHandedOut_thenTheCountItLeavesIsTheCodesReallyFree(TestTable table) {
        ShopId shop = new ShopId("pool-crash");
        AtomicInteger transactions = new AtomicInteger();
        var crashing = watched(table, request -> {
            if (request instanceof TransactWriteItemsRequest && transactions.incrementAndGet() > 3) {
                throw new IllegalStateException("the function timed out");
            }
        });

        assertThatThrownBy(() -> crashing.add(shop, IntStream.range(0, 500).mapToObj(i -> "CUT-" + i).toList()))
                .hasMessageContaining("timed out");

        var same = new DynamoDiscountPool(table.client(), table.name());
        long free = same.available(shop);
        assertThat(free).as("three transactions' codes").isEqualTo(3 * 49);
        assertThat(same.handOut(shop, "thank-you#cut").orElseThrow().leftAfterTaking()).hasValue(free - 1);
    }

    /** A pool on the test's own table whose every request is shown to {@code before} as it is sent. */
    private static DynamoDiscountPool watched(TestTable table, Consumer<SdkRequest> before) {
        return new DynamoDiscountPool(table.client(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                before.accept(context.request());
            }
        }), table.name());
    }

    @Test
    void givenACodeInThePool_whenAnUploadHoldsItInAnotherCase_thenTheUploadIsRefusedAndNothingIsWritten() {
        ShopId shop = new ShopId("pool-case");
        pool.add(shop, List.of("Spring-1"));

        assertThatThrownBy(() -> pool.add(shop, List.of("NEW-1", "SPRING-1"))).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("SPRING-1 differs only in case from Spring-1");
        assertThatThrownBy(() -> pool.add(shop, List.of("NEW-2", "new-2"))).isInstanceOf(InvalidInput.class);
        assertThat(pool.available(shop)).isEqualTo(1);
        assertThat(pool.add(shop, List.of("Spring-1", "NEW-1"))).as("the same code again is no conflict").isEqualTo(1);
    }

    @Test
    void givenAnIssuedCode_whenKeptAgainForTheSameAction_thenTheFirstStaysAndItIsFoundByCodeInAnyCase() {
        ShopId shop = new ShopId("issued");
        var first = issue(shop, "thank-you#1042", Optional.of("THANKS-ABCD2345"));

        assertThat(issued.keep(first, List.of())).isSameAs(first);
        assertThat(issued.keep(issue(shop, "thank-you#1042", Optional.of("THANKS-OTHER234")), List.of())).isEqualTo(first);
        assertThat(issued.forAction(shop, "thank-you#1042")).contains(first);
        assertThat(issued.byCode(shop, "thanks-abcd2345")).contains(first);
        assertThat(issued.byCode(shop, "THANKS-OTHER234")).isEmpty();
    }

    @Test
    void givenARedeemedCode_whenTheSameOrderArrivesAgain_thenItCountsAsRedeemedOnce() {
        ShopId shop = new ShopId("redeemed");
        issued.keep(issue(shop, "thank-you#7", Optional.of("THANKS-RDMD2345")), List.of());

        assertThat(issued.markRedeemed(shop, "THANKS-RDMD2345", "1043")).isTrue();
        assertThat(issued.markRedeemed(shop, "THANKS-RDMD2345", "1043")).isFalse();
        assertThat(issued.markRedeemed(shop, "NOT-OURS-2345", "1043")).isFalse();
    }

    @Test
    void givenAShopsApiAccess_whenSavedAndReadBack_thenItsHostAndSecretsSurvive() {
        shops.saveAccess(new ShopId("woo-access"), new DiscountAccess.WooCommerce("shop.example.com",
                new Secret("consumerKey", "ck_0123456789abcdef0123"), new Secret("consumerSecret", "cs_0123456789abcdef0123")));

        var read = (DiscountAccess.WooCommerce) shops.access(new ShopId("woo-access")).orElseThrow();

        assertThat(read.host()).isEqualTo("shop.example.com");
        assertThat(read.consumerKey().reveal()).isEqualTo("ck_0123456789abcdef0123");
        assertThat(read.consumerSecret().reveal()).isEqualTo("cs_0123456789abcdef0123");
        assertThat(shops.access(new ShopId("no-access"))).isEmpty();
    }

    private static IssuedDiscount issue(ShopId shop, String action, Optional<String> code) {
        return new IssuedDiscount(shop, action, Subject.order(new OrderId("1042")), "hash-of-jon", code, 10, Optional.empty(), NOW,
                NOW.plusSeconds(86_400 * 30), false);
    }
}
