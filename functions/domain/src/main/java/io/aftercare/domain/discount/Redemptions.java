package io.aftercare.domain.discount;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineAppender;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * An order that used one of Aftercare's codes: "code redeemed" on its timeline and on the timeline of the order or
 * ticket the code was sent for. Entry ids are fixed by code and order, so a repeated delivery writes nothing new, and the
 * code counts as redeemed once.
 */
public final class Redemptions {

    private final IssuedDiscounts issued;
    private final TimelineAppender timelines;
    private final DiscountEvents events;
    private final Clock clock;

    public Redemptions(IssuedDiscounts issued, TimelineAppender timelines, DiscountEvents events, Clock clock) {
        this.issued = issued;
        this.timelines = timelines;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param codes the discount codes the order carries, as the customer typed them (any case); codes not Aftercare's are ignored
     * @param orderName the order's number as the shop shows it
     */
    public void record(ShopId shop, OrderId order, String orderName, List<String> codes, Optional<String> customerHash) {
        for (String typed : codes) {
            String code = CheckoutCodes.checkoutForm(typed.strip()); // Shopify and WooCommerce match codes regardless of case
            Optional<IssuedDiscount> ours = issued.byCode(shop, code);
            if (ours.isEmpty()) {
                continue;
            }
            IssuedDiscount discount = ours.get();
            String who = customerHash.orElse(discount.customerHash());
            timelines.write(shop, new TimelineEntry("redeemed-" + code, Subject.order(order), clock.instant(), EntryKind.DISCOUNT_REDEEMED,
                    EntryText.of(Phrase.DISCOUNT_USED).text("code", code), Optional.empty()), who);
            timelines.write(shop, new TimelineEntry("redeemed-" + code + "-" + order.value(), discount.subject(), clock.instant(),
                    EntryKind.DISCOUNT_REDEEMED, EntryText.of(Phrase.DISCOUNT_REDEEMED).text("code", code).text("order", orderName),
                    Optional.empty()), discount.customerHash());
            if (issued.markRedeemed(shop, code, order.value())) {
                events.redeemed(shop);
            }
        }
    }
}
