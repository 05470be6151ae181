package io.aftercare.domain.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadOnceCacheTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger reads = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(); // the common pool may have one thread here

    @AfterEach
    void letGo() {
        release.countDown();
        threads.shutdown();
    }

    @Test
    void givenOneKeysReadHanging_whenAKeyThatHashesAlikeIsAsked_thenItIsReadWithoutWaiting() throws Exception {
        var cache = new ReadOnceCache<String, String>(key -> key.equals("Aa") ? hang(key) : key, value -> Duration.ofMinutes(1), CLOCK, 100);
        CompletableFuture.supplyAsync(() -> cache.get("Aa"), threads);
        reading.await();

        // "Aa" and "BB" have one hash code, so one bin of the map: a read holding the bin's lock would hold this one up
        var other = CompletableFuture.supplyAsync(() -> cache.get("BB"), threads);

        assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("BB");
    }

    @Test
    void givenAKeyAskedForByManyAtOnce_whenItIsBeingRead_thenItIsReadOnceAndAllGetThatRead() throws Exception {
        var cache = new ReadOnceCache<String, String>(this::hang, value -> Duration.ofMinutes(1), CLOCK, 100);
        List<CompletableFuture<String>> asked = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(() -> cache.get("shop"), threads)).toList();
        reading.await();
        Thread.sleep(200); // the others reach the cache meanwhile
        release.countDown();

        for (var answer : asked) {
            assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("shop");
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void givenAReadThatFailed_whenTheKeyIsAskedAgain_thenItIsReadAgain() {
        var cache = new ReadOnceCache<String, String>(key -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("table unavailable");
            }
            return key;
        }, value -> Duration.ofMinutes(1), CLOCK, 100);

        assertThatThrownBy(() -> cache.get("shop")).isInstanceOf(IllegalStateException.class).hasMessage("table unavailable");
        assertThat(cache.get("shop")).isEqualTo("shop");
        assertThat(reads).hasValue(2);
    }

    private String hang(String key) {
        reads.incrementAndGet();
        reading.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return key;
    }
}
