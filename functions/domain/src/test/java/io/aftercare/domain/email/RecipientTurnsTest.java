package io.aftercare.domain.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.ShopId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecipientTurnsTest {

    private static final ShopId SHOP = new ShopId("turns-shop");

    private final RecipientTurns turns = new RecipientTurns();
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool(); // the common pool may have one thread here

    @AfterEach
    void letGo() {
        release.countDown();
        threads.shutdown();
    }

    @Test
    void givenOneRecipientsTurnHeld_whenAnotherRecipientWhoseKeyHashesAlikeTakesTheirs_thenTheyDoNotWait() throws Exception {
        hold("Aa");

        // "Aa" and "BB" have one hash code: a striped lock would put them on one stripe however many it had
        var other = CompletableFuture.supplyAsync(() -> turns.take(SHOP, "BB", () -> "sent"), threads);

        assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("sent");
    }

    @Test
    void givenOneRecipientsTurnHeld_whenTheSameRecipientTakesAnother_thenItWaitsUntilTheFirstIsDoneAndTurnsGoOnAfter() throws Exception {
        var first = hold("Aa");

        var second = CompletableFuture.supplyAsync(() -> turns.take(SHOP, "Aa", () -> "second"), threads);
        Thread.sleep(200);
        assertThat(second).isNotDone();
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(turns.take(SHOP, "Aa", () -> "third")).as("a turn after the lock was given up").isEqualTo("third");
    }

    private CompletableFuture<String> hold(String emailHash) throws InterruptedException {
        var held = CompletableFuture.supplyAsync(() -> turns.take(SHOP, emailHash, () -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "first";
        }), threads);
        holding.await();
        return held;
    }
}
