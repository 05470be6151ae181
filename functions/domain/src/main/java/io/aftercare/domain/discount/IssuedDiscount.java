package io.aftercare.domain.discount;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.Subject;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one action's code, kept beside the action before its email is sent.
 *
 * @param subject the order or ticket the code was sent for, whose timeline hears of its redemption
 * @param customerHash whose it is: the customer's timeline shows its entries too
 * @param code the code the shop accepted; empty when it refused, and then {@code refusal} says why
 * @param anyBuyer the code is not limited to the customer ({@link Creation.Created#anyBuyer()})
 */
public record IssuedDiscount(ShopId shop, String actionKey, Subject subject, String customerHash, Optional<String> code, int percent,
                             Optional<String> refusal, Instant issuedAt, Instant endsAt, boolean anyBuyer) {
}
