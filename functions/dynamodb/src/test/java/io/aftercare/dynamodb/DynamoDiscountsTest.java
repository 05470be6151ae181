package io.aftercare.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.TestTable;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class DynamoDiscountsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static DynamoDiscountPool pool;
    private static DynamoIssuedDiscounts issued;
    private static DynamoShopRepository shops;

    @BeforeAll
    static void createTable(TestTable table) {
        pool = new DynamoDiscountPool(table.client(), table.name());
        issued = new DynamoIssuedDiscounts(table.client(), table.name());
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
    void givenAnEmptiedPool_whenTheSameCodesAreUploadedAgain_thenNoneHandedOutComesBack() {
        ShopId shop = new ShopId("pool-reupload");
        pool.add(shop, List.of("BBB-1"));
        pool.handOut(shop, "thank-you#1").orElseThrow();

        assertThat(pool.handOut(shop, "thank-you#2")).isEmpty();
        assertThat(pool.add(shop, List.of("BBB-1", "BBB-2"))).isEqualTo(1);
        assertThat(pool.handOut(shop, "thank-you#2").orElseThrow().code()).isEqualTo("BBB-2");
    }

    @Test
    void givenAnIssuedCode_whenKeptAgainForTheSameAction_thenTheFirstStaysAndItIsFoundByCodeInAnyCase() {
        ShopId shop = new ShopId("issued");
        var first = issue(shop, "thank-you#1042", Optional.of("THANKS-ABCD2345"));

        assertThat(issued.keep(first)).isSameAs(first);
        assertThat(issued.keep(issue(shop, "thank-you#1042", Optional.of("THANKS-OTHER234")))).isEqualTo(first);
        assertThat(issued.forAction(shop, "thank-you#1042")).contains(first);
        assertThat(issued.byCode(shop, "thanks-abcd2345")).contains(first);
        assertThat(issued.byCode(shop, "THANKS-OTHER234")).isEmpty();
    }

    @Test
    void givenARedeemedCode_whenTheSameOrderArrivesAgain_thenItCountsAsRedeemedOnce() {
        ShopId shop = new ShopId("redeemed");
        issued.keep(issue(shop, "thank-you#7", Optional.of("THANKS-RDMD2345")));

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
                NOW.plusSeconds(86_400 * 30));
    }
}
