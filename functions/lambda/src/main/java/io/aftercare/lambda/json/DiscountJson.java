package io.aftercare.lambda.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.discount.CheckoutCodes;
import io.aftercare.domain.discount.DiscountAccess;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The admin API's discount bodies: a shop's API access (write-only: never shown back) and an uploaded pool of codes. */
public final class DiscountJson {

    public static final Set<String> ACCESS = Set.of("shopDomain", "adminAccessToken", "storeHost", "consumerKey", "consumerSecret");
    /** Codes per upload: a pool is refilled in batches, and one request must finish well within the function's timeout. */
    static final int MAX_CODES = 2_000;
    private static final int MAX_SECRET_LENGTH = 512;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{3,64}");

    private DiscountJson() {
    }

    public static DiscountAccess access(JsonNode body, Platform platform) {
        return switch (platform) {
            case SHOPIFY -> new DiscountAccess.Shopify(host(body, "shopDomain"), secret(body, "adminAccessToken"));
            case WOOCOMMERCE -> new DiscountAccess.WooCommerce(host(body, "storeHost"), secret(body, "consumerKey"), secret(body, "consumerSecret"));
            case GENERIC -> throw new InvalidInput("platform",
                    "a generic shop has no API Aftercare can create codes in: upload a pool with POST /admin/shops/{shop}/discount-pool");
        };
    }

    /** What is set, without the credentials. */
    public static Map<String, Object> view(DiscountAccess access) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("platform", access instanceof DiscountAccess.Shopify ? Platform.SHOPIFY.slug() : Platform.WOOCOMMERCE.slug());
        view.put("host", access.host());
        view.put("credentials", "set");
        return view;
    }

    /**
     * One code a line (CSV: the first column; a header line {@code code}, blank lines and repeats are skipped). Two
     * codes that differ only in case are refused: checkouts take them for one code.
     */
    public static List<String> codes(byte[] body) {
        var codes = new CheckoutCodes();
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i].split(",", 2)[0].strip().replace("\"", "");
            if (code.isEmpty() || (i == 0 && code.equalsIgnoreCase("code"))) {
                continue;
            }
            if (!CODE.matcher(code).matches()) {
                throw new InvalidInput("codes", "line " + (i + 1) + ": a code must be 3-64 letters, digits, '-' or '_'");
            }
            try {
                codes.add(code);
            } catch (InvalidInput sameAtCheckout) {
                throw new InvalidInput("codes", "line " + (i + 1) + ": " + sameAtCheckout.getMessage());
            }
        }
        List<String> distinct = codes.codes();
        if (distinct.isEmpty()) {
            throw new InvalidInput("codes", "the body holds no codes: send one code a line");
        }
        if (distinct.size() > MAX_CODES) {
            throw new InvalidInput("codes", "at most " + MAX_CODES + " codes an upload; send the rest in another");
        }
        return distinct;
    }

    private static String host(JsonNode body, String field) {
        return JsonViews.requiredText(body, field, 253);
    }

    /** Exactly as given: a credential is never trimmed. */
    private static Secret secret(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidInput(field, field + " is required (a string)");
        }
        if (value.asText().length() > MAX_SECRET_LENGTH) {
            throw new InvalidInput(field, field + " must be at most " + MAX_SECRET_LENGTH + " characters");
        }
        return new Secret(field, value.asText());
    }
}
