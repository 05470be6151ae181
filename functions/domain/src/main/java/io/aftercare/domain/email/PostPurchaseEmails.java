package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionWorker;
import io.aftercare.domain.action.ActionWorker.Handled;
import io.aftercare.domain.action.ActionWorker.Result;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.discount.IssuedDiscount;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.TimelineReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one claimed email about an order (thank-you, check-in, survey, a return's or a refund's notice, a code's
 * reminder): reads the order, re-checks what its state allows, and hands the email to the {@link SendStep} every
 * customer's email ends in, which checks the recipient in the write that marks it as being sent.
 */
public final class PostPurchaseEmails implements ActionWorker.Runner {

    private final SendStep step;
    private final ShopCache shops;
    private final TimelineReader orders;
    private final RecipientStore recipients;
    private final EmailRenderer renderer;
    private final DiscountCodes discounts;
    private final TemplateOverrides overrides;
    private final Clock clock;
    private final EmailPolicy policy = new EmailPolicy();

    public PostPurchaseEmails(SendStep step, ShopCache shops, TimelineReader orders, RecipientStore recipients, EmailRenderer renderer,
                              DiscountCodes discounts, TemplateOverrides overrides, Clock clock) {
        this.step = step;
        this.shops = shops;
        this.orders = orders;
        this.recipients = recipients;
        this.renderer = renderer;
        this.discounts = discounts;
        this.overrides = overrides;
        this.clock = clock;
    }

    /** @throws RuntimeException for a temporary failure (throttling, SES down): the action stays claimed and is retried */
    @Override
    public Result run(ClaimedAction action) {
        Optional<IssuedDiscount> reminded = Optional.empty();
        if (SendStep.kind(action) == EmailKind.DISCOUNT_REMINDER) {
            switch (discounts.reminder(action)) {
                case DiscountCodes.Reminder.NotSent notSent -> {
                    Result ended = step.finish(action, ActionOutcome.skipped(notSent.reason()), List.of(), Optional.empty());
                    if (notSent.expired() && ended.handled() == Handled.SKIPPED) {
                        discounts.expired(action.shop());
                    }
                    return ended;
                }
                case DiscountCodes.Reminder.Remind remind -> reminded = Optional.of(remind.code());
            }
        }
        Optional<Shop> shop = shops.find(action.shop());
        Optional<OrderState> order = orders.order(action.shop(), new OrderId(action.subject().id()));
        Optional<CustomerContact> customer = order.flatMap(OrderState::customer);
        if (shop.isEmpty() || order.isEmpty() || order.get().snapshot().isEmpty() || customer.isEmpty()) {
            return step.skip(action, shop.isEmpty() ? Reason.SHOP_GONE
                    : order.isEmpty() || order.get().snapshot().isEmpty() ? Reason.ORDER_UNKNOWN : Reason.NO_ADDRESS);
        }
        EmailAddress to = customer.get().email();
        if (reminded.isPresent() && !reminded.get().customerHash().equals(to.hash())) {
            // the order's customer is not who got the code: a reminder would hand someone else's code to them
            return step.skip(action, Reason.DISCOUNT_NOT_THEIRS);
        }
        EmailKind kind = SendStep.kind(action);
        Optional<EmailDecision.Skip> superseded = ReturnNotices.superseded(kind, action, order.get());
        if (superseded.isPresent()) {
            return step.notSending(action, shop.get(), to, superseded.get());
        }
        // a code is handed out only to someone who may be mailed: an email that makes one reads the recipient first
        boolean makesCode = kind.discountMade(shop.get().settings()).isPresent();
        EmailDecision decision = makesCode ? policy.decide(kind, order.get(), recipients.state(action.shop(), to.hash()), clock.instant())
                : policy.forOrder(kind, order.get());
        return step.send(action, shop.get(), customer.get(), decision, new OrderLetter(action, shop.get(), order.get(), customer.get(), reminded));
    }

    /**
     * An order's email.
     *
     * @param reminded the code a reminder is about; other emails carrying a discount have it made now
     */
    private final class OrderLetter implements SendStep.Letter {
        private final ClaimedAction action;
        private final Shop shop;
        private final OrderState order;
        private final CustomerContact customer;
        private final Optional<IssuedDiscount> reminded;

        OrderLetter(ClaimedAction action, Shop shop, OrderState order, CustomerContact customer, Optional<IssuedDiscount> reminded) {
            this.action = action;
            this.shop = shop;
            this.order = order;
            this.customer = customer;
            this.reminded = reminded;
        }

        @Override
        public SurveyInvitations.About about() {
            return SurveyInvitations.About.order(order.orderId());
        }

        @Override
        public SendStep.Prepared prepare(Language language, SendStep.Links links) {
            EmailKind kind = SendStep.kind(action);
            // made in the shop and kept before sending, so the email never promises a code the checkout refuses
            Optional<IssuedDiscount> issued = kind.discountMade(shop.settings())
                    .map(t -> discounts.issue(shop, t, action, customer, Optional.of(order.orderId())));
            Optional<EmailContent.IssuedDiscount> discount = issued.or(() -> reminded)
                    .flatMap(i -> i.code().map(code -> new EmailContent.IssuedDiscount(code, i.percent())));
            var rendered = renderer.render(new EmailContent(kind, language, shop.settings(), customer.name(),
                    order.snapshot().orElseThrow(), discount, links.unsubscribe(), links.survey(), links.scores(),
                    kind.overridable() ? overrides.find(shop.id(), kind, language) : Optional.empty(),
                    ReturnNotices.news(kind, action, order, shop.settings())));
            List<TimelineEntry> entries = new ArrayList<>();
            issued.flatMap(IssuedDiscount::code).ifPresent(code -> entries.add(step.entry(action, EntryKind.DISCOUNT_ISSUED, "discount",
                    EntryText.of(Phrase.DISCOUNT_ISSUED).text("code", code).count("percent", issued.get().percent())
                            .flag("anyBuyer", issued.get().anyBuyer()))));
            issued.flatMap(IssuedDiscount::refusal).ifPresent(why -> entries.add(step.entry(action, EntryKind.DISCOUNT_WITHHELD, "discount",
                    DiscountCodes.withheld(action, why))));
            return new SendStep.Prepared(rendered, entries);
        }
    }
}
