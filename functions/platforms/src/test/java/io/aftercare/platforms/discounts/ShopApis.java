package io.aftercare.platforms.discounts;

import io.aftercare.devkit.ShopApiServer;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.discount.DiscountOffer;
import io.aftercare.domain.order.CustomerContact;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A shop's API served locally, and the waits Aftercare took for its rate limits (recorded, never slept). */
final class ShopApis {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    final List<Duration> pauses = new CopyOnWriteArrayList<>();
    final PlatformHttp http;
    /** What every shop host resolves to: a public documentation address unless a test says otherwise. */
    volatile String address = "203.0.113.10";

    ShopApis(ShopApiServer server) {
        this.http = new PlatformHttp(HttpClient.newHttpClient(), server::local, pauses::add,
                host -> List.of(InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress())));
    }

    /** Jon's code; Shopify's id for Jon is 207119551 (the customer of Shopify's sample order). */
    static DiscountOffer offer(String code) {
        return offer(code, Optional.of("207119551"));
    }

    /** A code for a customer the platform gave no id (a guest checkout). */
    static DiscountOffer offerToGuest(String code) {
        return offer(code, Optional.empty());
    }

    private static DiscountOffer offer(String code, Optional<String> platformId) {
        return new DiscountOffer(new ShopId("kettle-house"), "thank-you#1042", code, 10,
                new CustomerContact(new EmailAddress("jon@example.com"), Optional.empty(), Optional.empty(), platformId), NOW, NOW.plus(Duration.ofDays(30)));
    }
}
