package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.discount.Creation;
import io.aftercare.domain.discount.DiscountEvents;
import io.aftercare.domain.discount.DiscountOffer;
import io.aftercare.domain.discount.IssuedDiscount;
import io.aftercare.domain.discount.IssuedDiscounts;
import io.aftercare.domain.discount.ShopDiscounts;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Vocabulary;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An action's personal discount code, made in the shop before its email promises it. The outcome is kept beside the
 * action before the email is sent, so a retry reuses it; the code itself is derived from the link key and the action,
 * so even a retry after a crash between the shop's answer and that write names the same code, which the shop then
 * reports as existing rather than making a second.
 */
public final class DiscountCodes {

    /** How long a code can be used, from when its email is sent. */
    public static final Duration VALID_FOR = Duration.ofDays(30);

    private final LinkTokens keys;
    private final ShopDiscounts shops;
    private final IssuedDiscounts issued;
    private final DiscountEvents events;
    private final Clock clock;

    public DiscountCodes(LinkTokens keys, ShopDiscounts shops, IssuedDiscounts issued, DiscountEvents events, Clock clock) {
        this.keys = keys;
        this.shops = shops;
        this.issued = issued;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The action's code, or why the shop refused it (its email then goes without one).
     *
     * @throws io.aftercare.domain.discount.DiscountServiceBusy when the shop could not answer now: the action is retried
     */
    public IssuedDiscount issue(Shop shop, DiscountTemplate template, ClaimedAction action, EmailAddress customer) {
        String actionKey = action.actionId();
        Optional<IssuedDiscount> before = issued.forAction(shop.id(), actionKey);
        if (before.isPresent()) {
            return before.get();
        }
        Instant now = clock.instant();
        var offer = new DiscountOffer(shop.id(), actionKey, codeFor(template, shop.id(), actionKey), template.percent(), customer,
                now, now.plus(VALID_FOR));
        Creation creation = shops.create(shop, offer);
        var outcome = switch (creation) {
            case Creation.Created created -> new IssuedDiscount(shop.id(), actionKey, action.subject(), customer.hash(), Optional.of(created.code()),
                    template.percent(), Optional.empty(), now, offer.endsAt());
            case Creation.Refused refused -> new IssuedDiscount(shop.id(), actionKey, action.subject(), customer.hash(), Optional.empty(),
                    template.percent(), Optional.of(refused.why()), now, offer.endsAt());
        };
        IssuedDiscount kept = issued.keep(outcome);
        if (kept == outcome) {
            if (kept.code().isPresent()) {
                events.issued(shop.id());
            } else {
                events.withheld(shop.id());
            }
        }
        return kept;
    }

    /** The timeline's words for an email that went without its code. */
    public static EntryText withheld(ClaimedAction action, String why) {
        return EntryText.of(Phrase.DISCOUNT_WITHHELD).with("email", action.kind().code()).text("detail", why);
    }

    private String codeFor(DiscountTemplate template, ShopId shop, String actionKey) {
        long seed = ByteBuffer.wrap(keys.derive("discount|" + shop.value() + "|" + actionKey)).getLong();
        return template.newCode(new SplittableRandom(seed));
    }
}
