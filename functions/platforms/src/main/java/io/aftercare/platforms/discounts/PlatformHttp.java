package io.aftercare.platforms.discounts;

import io.aftercare.domain.PublicHost;
import io.aftercare.domain.discount.DiscountServiceBusy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The one way Aftercare calls a shop's API: {@code https://<host>} (tests put a local server in its place), short
 * timeouts, and a failure to reach it, which may pass, reported as busy so that the action is retried.
 */
public final class PlatformHttp {

    /** Longest wait inside one attempt for a platform's rate limit to refill; a longer one is left to the action's retry. */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    /** Sleeps; the tests pass one that only records, so no test waits in real time. */
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpClient client;
    private final UnaryOperator<URI> base;
    private final Pause pause;
    private final PublicHost.Resolver resolver;

    /**
     * @param base where {@code https://<host>} is sent: itself in production
     * @param resolver what a host the shop chose resolves to, checked right before a request to it
     */
    public PlatformHttp(HttpClient client, UnaryOperator<URI> base, Pause pause, PublicHost.Resolver resolver) {
        this.client = client;
        this.base = base;
        this.pause = pause;
        this.resolver = resolver;
    }

    public static PlatformHttp live() {
        return new PlatformHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).followRedirects(HttpClient.Redirect.NEVER).build(),
                UnaryOperator.identity(), duration -> Thread.sleep(duration), PublicHost.Resolver.DNS);
    }

    /**
     * Why a host the shop chose must not be called now, if it must not: it resolves to a loopback, private, link-local
     * or unique-local address, where Aftercare would post the shop's credentials inside its own network.
     *
     * @throws DiscountServiceBusy when it does not resolve now: DNS may answer on the action's retry
     */
    Optional<String> internal(String host) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new DiscountServiceBusy(host + " does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new DiscountServiceBusy(host + " does not resolve");
        }
        return addresses.stream().anyMatch(PublicHost::isInternal)
                ? Optional.of(host + " resolves to a loopback, private, link-local or unique-local address: Aftercare does not call it")
                : Optional.empty();
    }

    public HttpResponse<String> post(String host, String path, String json, String... headers) {
        return post(host, path, Duration.ofSeconds(5), json, headers);
    }

    /**
     * @param deadline the longest the whole request may take, connecting included: waited for here rather than left to
     *                 the request's timeout, so the client's 3 s connect timeout cannot outlast it. A caller inside a
     *                 webhook request has less time than an action.
     */
    public HttpResponse<String> post(String host, String path, Duration deadline, String json, String... headers) {
        var request = HttpRequest.newBuilder(base.apply(URI.create("https://" + host + path)))
                .timeout(deadline)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        var answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DiscountServiceBusy(host + " did not answer: " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new DiscountServiceBusy(host + " did not answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new DiscountServiceBusy(host + " was not asked: interrupted");
        }
    }

    /** Waits {@code wait} when it is short enough to be worth it here. @return false when it is not: retry the action later */
    boolean waited(Duration wait) {
        if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
            return false;
        }
        try {
            pause.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A {@code Retry-After} in seconds, as WooCommerce's servers and proxies send it. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static boolean transientStatus(int status) {
        return status == 429 || status >= 500;
    }
}
