package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.discount.Creation;
import io.aftercare.domain.discount.DiscountEvents;
import io.aftercare.domain.discount.DiscountOffer;
import io.aftercare.domain.discount.IssuedDiscount;
import io.aftercare.domain.discount.IssuedDiscounts;
import io.aftercare.domain.discount.ShopDiscounts;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.Vocabulary;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An action's personal discount code, made in the shop before its email promises it. The outcome is kept beside the
 * action before the email is sent, so a retry reuses it; the code itself is derived from the link key and the action,
 * so even a retry after a crash between the shop's answer and that write names the same code, which the shop then
 * reports as existing rather than making a second.
 */
public final class DiscountCodes {

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
     * @param order the order the code is for (a thank-you's own; a goodwill code's ticket's, when it is the complainant's): its reminder, when the shop
     *     wants one, is that order's email, under its customer's suppression and frequency rules; none without an order
     * @throws io.aftercare.domain.discount.DiscountServiceBusy when the shop could not answer now: the action is retried
     */
    public IssuedDiscount issue(Shop shop, DiscountTemplate template, ClaimedAction action, CustomerContact customer, Optional<OrderId> order) {
        String actionKey = action.actionId();
        Optional<IssuedDiscount> before = issued.forAction(shop.id(), actionKey);
        if (before.isPresent()) {
            return before.get();
        }
        Instant now = clock.instant();
        var offer = new DiscountOffer(shop.id(), actionKey, codeFor(template, shop.id(), actionKey), template.percent(), customer,
                now, now.plus(template.validFor()));
        Creation creation = shops.create(shop, offer);
        var outcome = switch (creation) {
            case Creation.Created created -> new IssuedDiscount(shop.id(), actionKey, action.subject(), customer.email().hash(),
                    Optional.of(created.code()), template.percent(), Optional.empty(), now, offer.endsAt(), created.anyBuyer());
            case Creation.Refused refused -> new IssuedDiscount(shop.id(), actionKey, action.subject(), customer.email().hash(), Optional.empty(),
                    template.percent(), Optional.of(refused.why()), now, offer.endsAt(), false);
        };
        IssuedDiscount kept = issued.keep(outcome, followUps(template, outcome, order));
        if (kept == outcome) {
            if (kept.code().isPresent()) {
                events.issued(shop.id());
            } else {
                events.withheld(shop.id());
            }
        }
        return kept;
    }

    /** The id ending of the action that checks, at a code's end, whether it expired unused. */
    public static final String EXPIRY = "~expiry";

    /**
     * What a kept code schedules: the check at its end (counted as expired if unused), and the shop's reminder some
     * days before, on the order the code is for, whichever email issued it. Both are {@link EmailKind#DISCOUNT_REMINDER}
     * actions named after the action that issued the code, which is how they find it again.
     */
    private static List<DueAction> followUps(DiscountTemplate template, IssuedDiscount outcome, Optional<OrderId> order) {
        if (outcome.code().isEmpty()) {
            return List.of();
        }
        ActionKind kind = EmailKind.DISCOUNT_REMINDER.action();
        String id = kind.slug() + "#" + outcome.actionKey();
        List<DueAction> followUps = new ArrayList<>();
        followUps.add(new DueAction(id + EXPIRY, kind, outcome.subject(), outcome.endsAt()));
        // the reminder is an order's email, read from its order whatever the code's own subject (a goodwill code's ticket)
        order.ifPresent(about -> template.reminderAt(outcome.endsAt())
                .ifPresent(at -> followUps.add(new DueAction(id, kind, Subject.order(about), at))));
        return followUps;
    }

    /**
     * Before a {@link EmailKind#DISCOUNT_REMINDER} action sends anything: the code to remind of, or why there is
     * nothing to send. Its expiry check always ends here, and the code expired if it was never used.
     *
     * @return the code, or the reason the action ends without an email
     */
    public Reminder reminder(ClaimedAction action) {
        String id = action.actionId();
        boolean expiryCheck = id.endsWith(EXPIRY);
        String issuing = id.substring(id.indexOf('#') + 1, expiryCheck ? id.length() - EXPIRY.length() : id.length());
        Optional<IssuedDiscount> code = issued.forAction(action.shop(), issuing).filter(d -> d.code().isPresent());
        if (code.isEmpty() || issued.redeemed(action.shop(), code.get().code().orElseThrow())) {
            return new Reminder.NotSent(Reason.DISCOUNT_REDEEMED, false);
        }
        if (expiryCheck) {
            return new Reminder.NotSent(Reason.DISCOUNT_EXPIRED, true);
        }
        if (!code.get().endsAt().isAfter(clock.instant())) {
            return new Reminder.NotSent(Reason.DISCOUNT_REMINDER_LATE, false); // its expiry check counts it
        }
        return new Reminder.Remind(code.get());
    }

    /** What a {@link EmailKind#DISCOUNT_REMINDER} action does. */
    public sealed interface Reminder {
        /** Send the reminder of this code. */
        record Remind(IssuedDiscount code) implements Reminder {
        }

        /** End without an email; {@code expired}: the code ended unused, to count once the action's end is written. */
        record NotSent(Reason reason, boolean expired) implements Reminder {
        }
    }

    /** Counts a code that ended unused. */
    public void expired(ShopId shop) {
        events.expired(shop);
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
