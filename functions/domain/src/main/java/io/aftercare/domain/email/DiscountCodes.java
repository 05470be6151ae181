package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.DiscountTemplate;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * A personal discount code per action, derived from the link key: unpredictable to customers, and the same if the
 * action is retried, so a retried thank-you never hands out a second code.
 */
public final class DiscountCodes {

    private final LinkTokens keys;

    public DiscountCodes(LinkTokens keys) {
        this.keys = keys;
    }

    public String codeFor(DiscountTemplate template, ShopId shop, String actionId) {
        long seed = ByteBuffer.wrap(keys.derive("discount|" + shop.value() + "|" + actionId)).getLong();
        return template.newCode(new SplittableRandom(seed));
    }
}
