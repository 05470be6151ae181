package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.Subject;
import java.util.Optional;

/**
 * Port: what the emails a shop sent were about, by the code of their reply address and by the id SES gave them, so
 * that a reply is matched to its ticket or order; kept by the emails' sending marks and records ({@link EmailThread}).
 * Kept under the shop: a reply is matched only within the shop it reached, never across shops.
 */
public interface ThreadStore {

    Optional<Subject> byCode(ShopId shop, String code);

    /** @param messageId the provider's id of a sent email, as its {@code Message-ID} carries it before the {@code @} */
    Optional<Subject> byMessageId(ShopId shop, String messageId);
}
