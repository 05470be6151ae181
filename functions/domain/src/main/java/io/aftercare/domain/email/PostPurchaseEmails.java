package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionStore;
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
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.TimelineReader;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one claimed post-purchase action (thank-you, check-in, survey): re-checks the current state, then sends the email or records why not.
 * The order is read; the recipient is not: their state is checked in the write that marks the email as being sent
 * ({@link SendingMark}), and read only when it refuses, from that write's answer.
 * The claim is checked before and after sending; between SES accepting the email and the outcome being written is
 * the one window in which a crash makes the action run (and the email go out) twice. Runs to one recipient take
 * turns ({@link RecipientTurns}), so actions run at once keep the spacing they keep one after the other.
 */
public final class PostPurchaseEmails implements ActionWorker.Runner {


    private final ActionStore actions;
    private final SendingMark marks;
    private final ShopCache shops;
    private final TimelineReader orders;
    private final RecipientStore recipients;
    private final EmailRenderer renderer;
    private final EmailSender sender;
    private final PublicLinks links;
    private final DiscountCodes discounts;
    private final TemplateOverrides overrides;
    private final SurveyInvitations surveys;
    private final Threading threading;
    private final Clock clock;
    private final EmailPolicy policy = new EmailPolicy();
    private final RecipientTurns turns = new RecipientTurns();

    /** @param marks the sending mark, taken with the recipient's check: usually the same store as {@code actions} */
    public PostPurchaseEmails(ActionStore actions, SendingMark marks, ShopCache shops, TimelineReader orders, RecipientStore recipients, EmailRenderer renderer,
                        EmailSender sender, PublicLinks links, DiscountCodes discounts, TemplateOverrides overrides,
                        SurveyInvitations surveys, Threading threading, Clock clock) {
        this.actions = actions;
        this.marks = marks;
        this.shops = shops;
        this.orders = orders;
        this.recipients = recipients;
        this.renderer = renderer;
        this.sender = sender;
        this.links = links;
        this.discounts = discounts;
        this.overrides = overrides;
        this.surveys = surveys;
        this.threading = threading;
        this.clock = clock;
    }

    /** @throws RuntimeException for a temporary failure (throttling, SES down): the action stays claimed and is retried */
    @Override
    public Result run(ClaimedAction action) {
        Optional<IssuedDiscount> reminded = Optional.empty();
        if (kind(action) == EmailKind.DISCOUNT_REMINDER) {
            switch (discounts.reminder(action)) {
                case DiscountCodes.Reminder.NotSent notSent -> {
                    Result ended = finish(action, ActionOutcome.skipped(notSent.reason()), List.of(), Optional.empty(), false);
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
            Reason why = shop.isEmpty() ? Reason.SHOP_GONE
                    : order.isEmpty() || order.get().snapshot().isEmpty() ? Reason.ORDER_UNKNOWN : Reason.NO_ADDRESS;
            return finish(action, ActionOutcome.skipped(why), List.of(entry(action, EntryKind.EMAIL_SKIPPED, "skipped",
                    notSent(action, why, Optional.empty()))), Optional.empty(), false);
        }
        Optional<IssuedDiscount> remindedOf = reminded;
        return turns.take(action.shop(), customer.get().email().hash(), () -> decide(action, shop.get(), order.get(), customer.get(), remindedOf));
    }

    /** The checks that need the order's customer, then the email or why not: one recipient's turn. */
    private Result decide(ClaimedAction action, Shop shop, OrderState order, CustomerContact customer, Optional<IssuedDiscount> reminded) {
        EmailAddress to = customer.email();
        if (reminded.isPresent() && !reminded.get().customerHash().equals(to.hash())) {
            // the order's customer is not who got the code: a reminder would hand someone else's code to them
            return finish(action, ActionOutcome.skipped(Reason.DISCOUNT_NOT_THEIRS), List.of(entry(action, EntryKind.EMAIL_SKIPPED, "skipped",
                    notSent(action, Reason.DISCOUNT_NOT_THEIRS, Optional.empty()))), Optional.empty(), false);
        }
        EmailKind kind = kind(action);
        Optional<EmailDecision.Skip> superseded = ReturnNotices.superseded(kind, action, order);
        if (superseded.isPresent()) {
            return notSending(action, shop, to, superseded.get());
        }
        // a code is handed out only to someone who may be mailed: an email that makes one reads the recipient first
        boolean makesCode = kind.discountMade(shop.settings()).isPresent();
        Instant now = clock.instant();
        EmailDecision decision = makesCode ? policy.decide(kind, order, recipients.state(action.shop(), to.hash()), now)
                : policy.forOrder(kind, order);
        if (decision instanceof EmailDecision.Send && kind.carries(EmailKind.Carried.SCORES)
                && surveys.capped(action, to.hash(), shop.settings().surveyCap(), now)) {
            decision = new EmailDecision.Skip(Reason.SURVEY_CAP);
        }
        return decision instanceof EmailDecision.Send
                ? send(action, shop, order, customer, reminded)
                : notSending(action, shop, to, decision);
    }

    /** Skips or postpones the email, as the policy decided. */
    private Result notSending(ClaimedAction action, Shop shop, EmailAddress to, EmailDecision decision) {
        return switch (decision) {
            case EmailDecision.Skip skip -> finish(action, ActionOutcome.skipped(skip.reason()), List.of(entry(action, EntryKind.EMAIL_SKIPPED, "skipped",
                    notSent(action, skip.reason(), skip.detail()))), Optional.of(to), false);
            case EmailDecision.Postpone postpone -> {
                var entry = entry(action, EntryKind.EMAIL_POSTPONED, "postponed-" + action.attempt(), EntryText.of(Phrase.EMAIL_POSTPONED)
                        .with("email", action.kind().code()).moment("until", postpone.until(), shop.settings().timeZone())
                        .code("reason", Vocabulary.REASON, postpone.reason()));
                yield actions.reschedule(action, postpone.until(), entry, Optional.of(to))
                        ? Result.of(Handled.POSTPONED, postpone.reason()) : Result.of(Handled.STALE);
            }
            case EmailDecision.Send send -> throw new IllegalStateException("the recipient gate refused what the policy lets through");
        };
    }

    /** @param reminded the code a reminder is about; other emails carrying a discount have it made now */
    private Result send(ClaimedAction action, Shop shop, OrderState order, CustomerContact customer, Optional<IssuedDiscount> reminded) {
        Language language = customer.locale().flatMap(Language::fromLocale).orElse(shop.settings().defaultLanguage());
        EmailKind kind = kind(action);
        EmailCategory category = kind.category();
        // made in the shop and kept before sending, so the email never promises a code the checkout refuses
        Optional<IssuedDiscount> issued = kind.discountMade(shop.settings())
                .map(t -> discounts.issue(shop, t, action, customer, Optional.of(order.orderId())));
        Optional<EmailContent.IssuedDiscount> discount = issued.or(() -> reminded)
                .flatMap(i -> i.code().map(code -> new EmailContent.IssuedDiscount(code, i.percent())));
        Optional<String> unsubscribe = kind.transactional() ? Optional.empty()
                : Optional.of(links.unsubscribeUrl(shop.id(), customer.email(), category, language));
        // a kept survey is recorded as sent before the email goes, so its links name a survey that exists
        Optional<SurveyInvitations.Invitation> invitation = kind.carries(EmailKind.Carried.SCORES)
                ? Optional.of(surveys.invite(action, kind, order, customer.email().hash(), language, clock.instant())) : Optional.empty();
        Optional<String> survey = invitation.map(SurveyInvitations.Invitation::pageUrl).or(() -> kind.carries(EmailKind.Carried.SURVEY_LINK)
                ? Optional.of(links.surveyUrl(shop.id(), order.orderId(), customer.email(), language)) : Optional.empty());
        var rendered = renderer.render(new EmailContent(kind, language, shop.settings(), customer.name(),
                order.snapshot().orElseThrow(), discount, unsubscribe, survey,
                invitation.map(SurveyInvitations.Invitation::scores).orElse(List.of()),
                kind.overridable() ? overrides.find(shop.id(), kind, language) : Optional.empty(),
                ReturnNotices.news(kind, action, order, shop.settings())));

        Map<String, String> headers = new LinkedHashMap<>();
        unsubscribe.ifPresent(url -> {
            headers.put("List-Unsubscribe", "<" + url + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"); // RFC 8058 one-click
        });
        Instant now = clock.instant();
        switch (marks.begin(action, now, customer.email(), policy.gate(kind, now))) {
            case SendingMark.Began began -> { }
            case SendingMark.Lost lost -> {
                return Result.of(Handled.STALE); // another worker is sending it, or the claim was lost
            }
            case SendingMark.Refused refused -> {
                // unsubscribed, suppressed, complaining or mailed lately (the order already let it through): the
                // recipient's rule, which the gate mirrors, says which from what refused it
                return notSending(action, shop, customer.email(), policy.forRecipient(kind, refused.recipient(), now));
            }
        }
        // the reply address's meaning is kept before the email that carries it goes
        var email = new OutgoingEmail(shop.settings().brandName(), shop.settings().senderEmail(), threading.replyTo(shop, action.subject()),
                customer.email(), rendered.subject(), rendered.html(), rendered.text(), headers,
                EmailTags.of(shop.id(), action));
        String messageId;
        try {
            messageId = sender.send(email);
        } catch (EmailRejected rejected) {
            return finish(action, ActionOutcome.failed(Reason.REJECTED), List.of(entry(action, EntryKind.EMAIL_FAILED, "failed",
                    notSent(action, Reason.REJECTED, Optional.of(new EntryParam.Text(rejected.getMessage()))))), Optional.of(customer.email()), false);
        }
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(entry(action, EntryKind.EMAIL_SENT, "sent",
                EntryText.of(Phrase.EMAIL_SENT).with("email", action.kind().code()).code("language", Vocabulary.LANGUAGE, language)));
        issued.flatMap(IssuedDiscount::code).ifPresent(code -> entries.add(entry(action, EntryKind.DISCOUNT_ISSUED, "discount",
                EntryText.of(Phrase.DISCOUNT_ISSUED).text("code", code).count("percent", issued.get().percent())
                        .flag("anyBuyer", issued.get().anyBuyer()))));
        issued.flatMap(IssuedDiscount::refusal).ifPresent(why -> entries.add(entry(action, EntryKind.DISCOUNT_WITHHELD, "discount",
                DiscountCodes.withheld(action, why))));
        Result sent = finish(action, ActionOutcome.sent(messageId), entries, Optional.of(customer.email()), !kind.transactional());
        // after the action is complete: a failure here is retried as a stale action, never as a second email
        threading.sent(shop.id(), action.subject(), messageId);
        return sent;
    }

    /** The post-purchase runner is given only actions that email the customer. */
    private static EmailKind kind(ClaimedAction action) {
        return EmailKind.of(action.kind()).orElseThrow(() -> new IllegalArgumentException(action.kind().slug() + " is not a customer's email"));
    }

    private Result finish(ClaimedAction action, ActionOutcome outcome, List<TimelineEntry> entries, Optional<EmailAddress> customer,
                          boolean followUp) {
        boolean completed = actions.complete(action, outcome, entries, customer, followUp ? Optional.of(clock.instant()) : Optional.empty());
        if (!completed) {
            return Result.of(Handled.STALE);
        }
        Handled handled = switch (outcome.result()) {
            case SENT -> Handled.SENT;
            case SKIPPED -> Handled.SKIPPED;
            case FAILED -> Handled.FAILED;
        };
        return new Result(handled, outcome.reason());
    }

    private TimelineEntry entry(ClaimedAction action, EntryKind kind, String suffix, EntryText text) {
        return new TimelineEntry("email-" + action.actionId() + "-" + suffix, action.subject(), clock.instant(), kind, text, Optional.empty());
    }

    /** @param detail what makes the reason particular: a code, or the mail service's own words */
    private static EntryText notSent(ClaimedAction action, Reason why, Optional<? extends EntryParam> detail) {
        var said = EntryText.of(Phrase.EMAIL_NOT_SENT).with("email", action.kind().code()).code("reason", Vocabulary.REASON, why);
        return detail.<EntryText>map(d -> said.with("detail", d)).orElse(said);
    }
}
