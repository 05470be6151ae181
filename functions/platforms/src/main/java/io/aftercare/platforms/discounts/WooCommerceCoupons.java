package io.aftercare.platforms.discounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.domain.discount.Creation;
import io.aftercare.domain.discount.DiscountAccess;
import io.aftercare.domain.discount.DiscountOffer;
import io.aftercare.domain.discount.DiscountServiceBusy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Creates a personal coupon in a WooCommerce store ({@code POST /wp-json/wc/v3/coupons}, basic authentication with the
 * store's REST key over https): percent off the cart, used once, by that customer's address only, expiring with the offer.
 * The store's host is the shop's to choose, so it is resolved right before each request and refused when it points inside.
 */
public final class WooCommerceCoupons {

    static final String PATH = "/wp-json/wc/v3/coupons";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PlatformHttp http;

    public WooCommerceCoupons(PlatformHttp http) {
        this.http = http;
    }

    public Creation create(DiscountAccess.WooCommerce access, DiscountOffer offer) {
        String body = coupon(offer).toString();
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (access.consumerKey().reveal() + ":" + access.consumerSecret().reveal()).getBytes(StandardCharsets.UTF_8));
        for (int attempt = 1; ; attempt++) {
            Optional<String> internal = http.internal(access.host());
            if (internal.isPresent()) {
                return new Creation.Refused(internal.get());
            }
            HttpResponse<String> response = http.post(access.host(), PATH, body, "Authorization", basic);
            int status = response.statusCode();
            if (status == 200 || status == 201) {
                return new Creation.Created(offer.code());
            }
            if (PlatformHttp.transientStatus(status)) {
                if (attempt == 1 && http.waited(PlatformHttp.retryAfter(response).orElse(Duration.ofSeconds(1)))) {
                    continue;
                }
                throw new DiscountServiceBusy("WooCommerce answered " + status);
            }
            String code = errorCode(response.body());
            // the code is derived from the action: an earlier try of this action created it
            if (status == 400 && code.equals("woocommerce_rest_coupon_code_already_exists")) {
                return new Creation.Created(offer.code());
            }
            if (status == 401 || status == 403) {
                return new Creation.Refused("WooCommerce refused the REST API key (" + status + ", " + code
                        + "): it was revoked, or it lacks read/write permission");
            }
            return new Creation.Refused("WooCommerce refused the coupon (" + status + ", " + code + ")");
        }
    }

    static ObjectNode coupon(DiscountOffer offer) {
        ObjectNode coupon = JSON.createObjectNode();
        coupon.put("code", offer.code());
        coupon.put("discount_type", "percent");
        coupon.put("amount", Integer.toString(offer.percent()));
        coupon.put("description", "Aftercare: personal code");
        coupon.put("date_expires_gmt", GMT.format(offer.endsAt().truncatedTo(ChronoUnit.SECONDS)));
        coupon.put("individual_use", true);
        coupon.put("usage_limit", 1);
        coupon.put("usage_limit_per_user", 1);
        coupon.putArray("email_restrictions").add(offer.customer().email().value());
        return coupon;
    }

    /** WooCommerce's error {@code code} ({@code woocommerce_rest_...}), never its message, which may quote the request. */
    private static String errorCode(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            String code = error == null ? "" : error.path("code").asText("");
            return code.matches("[a-z0-9_]{1,80}") ? code : "no error code";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "no error code";
        }
    }
}
