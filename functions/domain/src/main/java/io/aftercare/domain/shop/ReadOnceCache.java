package io.aftercare.domain.shop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values read through and kept for a time each value decides. When a batch's actions, run at once, all find a key
 * expired, one of them reads it and the others wait for that read; the read happens outside the map's locks, so it
 * holds up no other key. A failed read is not kept: the next one to ask reads again.
 */
public final class ReadOnceCache<K, V> {

    private record Cached<V>(V value, Instant expires) {
    }

    private final Function<K, V> read;
    private final Function<V, Duration> ttl;
    private final Clock clock;
    private final int maxEntries;
    private final Map<K, CompletableFuture<Cached<V>>> entries = new ConcurrentHashMap<>();

    public ReadOnceCache(Function<K, V> read, Function<V, Duration> ttl, Clock clock, int maxEntries) {
        this.read = read;
        this.ttl = ttl;
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    public V get(K key) {
        Instant now = clock.instant();
        CompletableFuture<Cached<V>> entry = entries.get(key);
        if (!usable(entry, now)) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            CompletableFuture<Cached<V>> mine = new CompletableFuture<>();
            entry = entries.compute(key, (k, current) -> usable(current, now) ? current : mine);
            if (entry == mine) {
                load(key, mine, now);
            }
        }
        try {
            return entry.join().value();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** After a change made in this process, so it is seen at once. */
    public void evict(K key) {
        entries.remove(key);
    }

    /** Being read, or read and not expired. */
    private static <V> boolean usable(CompletableFuture<Cached<V>> entry, Instant now) {
        return entry != null && (!entry.isDone() || !entry.isCompletedExceptionally() && now.isBefore(entry.join().expires()));
    }

    private void load(K key, CompletableFuture<Cached<V>> mine, Instant now) {
        try {
            V value = read.apply(key);
            mine.complete(new Cached<>(value, now.plus(ttl.apply(value))));
        } catch (RuntimeException | Error e) {
            entries.remove(key, mine);
            mine.completeExceptionally(e);
        }
    }
}
