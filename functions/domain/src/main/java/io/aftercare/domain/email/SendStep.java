package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionStore;
import io.aftercare.domain.action.ActionWorker.Handled;
import io.aftercare.domain.action.ActionWorker.Result;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The step every claimed customer's email ends in, whatever it is about (an order, a ticket): the survey cap, the
 * unsubscribe link, the survey record and its links, the rendering, the exclusive sending mark taken with the
 * recipient's check (unsubscribed, suppressed, the frequency rule) and the reply code, SES, and the outcome with its
 * timeline entries and SES's id for the email's thread.
 * The runner of the email's subject reads its subject and says what that subject's state allows; the recipient is not
 * read: their state is checked in the write that marks the email as being sent ({@link SendingMark}), and read only
 * when it refuses, from that write's answer.
 * The claim is checked before and after sending; between SES accepting the email and the outcome being written is
 * the one window in which a crash makes the action run (and the email go out) twice. Emails to one recipient take
 * turns ({@link RecipientTurns}), so actions run at once keep the spacing and the survey cap they keep one after the
 * other.
 */
public final class SendStep {

    /** What the email is about, as this step needs it: made by its subject's runner. */
    public interface Letter {

        /** What the survey the email asks (if it asks one) records it was about. */
        SurveyInvitations.About about();

        /**
         * Called once the email is going out (every check passed but the recipient's): makes what it needs (a code),
         * and renders it.
         */
        Prepared prepare(Language language, Links links);
    }

    /**
     * @param unsubscribe the one-click link, for every non-transactional email
     * @param survey the survey's page: a kept survey's, or an order's survey page for kinds that link to it
     * @param scores a survey's one-click links, lowest first
     */
    public record Links(Optional<String> unsubscribe, Optional<String> survey, List<EmailContent.ScoreLink> scores) {
    }

    /** @param sent the entries besides the email's own to write once it is sent (a code made for it) */
    public record Prepared(EmailRenderer.Rendered rendered, List<TimelineEntry> sent) {
    }

    private final ActionStore actions;
    private final SendingMark marks;
    private final EmailSender sender;
    private final PublicLinks links;
    private final SurveyInvitations surveys;
    private final Threading threading;
    private final Clock clock;
    private final EmailPolicy policy = new EmailPolicy();
    private final RecipientTurns turns = new RecipientTurns();

    /** @param marks the sending mark, taken with the recipient's check: usually the same store as {@code actions} */
    public SendStep(ActionStore actions, SendingMark marks, EmailSender sender, PublicLinks links, SurveyInvitations surveys,
                    Threading threading, Clock clock) {
        this.actions = actions;
        this.marks = marks;
        this.sender = sender;
        this.links = links;
        this.surveys = surveys;
        this.threading = threading;
        this.clock = clock;
    }

    /**
     * Sends the email if its subject's state allows it ({@code bySubject}) and the survey cap does, or records why not.
     *
     * @throws RuntimeException for a temporary failure (throttling, SES down): the action stays claimed and is retried
     */
    public Result send(ClaimedAction action, Shop shop, CustomerContact customer, EmailDecision bySubject, Letter letter) {
        return turns.take(action.shop(), customer.email().hash(), () -> sendInTurn(action, shop, customer, bySubject, letter));
    }

    private Result sendInTurn(ClaimedAction action, Shop shop, CustomerContact customer, EmailDecision bySubject, Letter letter) {
        EmailKind kind = kind(action);
        EmailDecision decision = bySubject;
        Instant now = clock.instant();
        if (decision instanceof EmailDecision.Send && kind.carries(EmailKind.Carried.SCORES)
                && surveys.capped(action, customer.email().hash(), shop.settings().surveyCap(), now)) {
            decision = new EmailDecision.Skip(Reason.SURVEY_CAP);
        }
        return decision instanceof EmailDecision.Send ? sendNow(action, shop, customer, kind, letter)
                : notSending(action, shop, customer.email(), decision);
    }

    private Result sendNow(ClaimedAction action, Shop shop, CustomerContact customer, EmailKind kind, Letter letter) {
        Language language = customer.locale().flatMap(Language::fromLocale).orElse(shop.settings().defaultLanguage());
        Optional<String> unsubscribe = kind.transactional() ? Optional.empty()
                : Optional.of(links.unsubscribeUrl(shop.id(), customer.email(), kind.category(), language));
        SurveyInvitations.About about = letter.about();
        // a kept survey is recorded as sent before the email goes, so its links name a survey that exists
        Optional<SurveyInvitations.Invitation> invitation = kind.carries(EmailKind.Carried.SCORES)
                ? Optional.of(surveys.invite(action, kind, about, customer.email().hash(), language, clock.instant())) : Optional.empty();
        Optional<String> survey = invitation.map(SurveyInvitations.Invitation::pageUrl).or(() -> kind.carries(EmailKind.Carried.SURVEY_LINK)
                ? about.order().map(order -> links.surveyUrl(shop.id(), order, customer.email(), language)) : Optional.empty());
        Prepared prepared = letter.prepare(language, new Links(unsubscribe, survey,
                invitation.map(SurveyInvitations.Invitation::scores).orElse(List.of())));

        Map<String, String> headers = new LinkedHashMap<>();
        unsubscribe.ifPresent(url -> {
            headers.put("List-Unsubscribe", "<" + url + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"); // RFC 8058 one-click
        });
        Instant now = clock.instant();
        EmailThread thread = threading.thread(shop, action.subject());
        switch (marks.begin(action, now, customer.email(), policy.gate(kind, now), thread)) {
            case SendingMark.Began began -> { }
            case SendingMark.Lost lost -> {
                return Result.of(Handled.STALE); // another worker is sending it, or the claim was lost
            }
            case SendingMark.Refused refused -> {
                // unsubscribed, suppressed, complaining or mailed lately (its subject already let it through): the
                // recipient's rule, which the gate mirrors, says which from what refused it
                return notSending(action, shop, customer.email(), policy.forRecipient(kind, refused.recipient(), now));
            }
        }
        var rendered = prepared.rendered();
        var email = new OutgoingEmail(shop.settings().brandName(), shop.settings().senderEmail(), thread.replyTo(),
                customer.email(), rendered.subject(), rendered.html(), rendered.text(), headers,
                EmailTags.of(shop.id(), action));
        String messageId;
        try {
            messageId = sender.send(email);
        } catch (EmailRejected rejected) {
            return finish(action, ActionOutcome.failed(Reason.REJECTED), List.of(entry(action, EntryKind.EMAIL_FAILED, "failed",
                    notSent(action, Reason.REJECTED, Optional.of(new EntryParam.Text(rejected.getMessage()))))), Optional.of(customer.email()));
        }
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(entry(action, EntryKind.EMAIL_SENT, "sent",
                EntryText.of(Phrase.EMAIL_SENT).with("email", action.kind().code()).code("language", Vocabulary.LANGUAGE, language)));
        entries.addAll(prepared.sent());
        return ended(marks.sent(action, messageId, entries, customer.email(), thread), ActionOutcome.sent(messageId));
    }

    /** Skips the email before anything about its recipient is known (no shop, no subject, no address). */
    public Result skip(ClaimedAction action, Reason why) {
        return finish(action, ActionOutcome.skipped(why), List.of(entry(action, EntryKind.EMAIL_SKIPPED, "skipped",
                notSent(action, why, Optional.empty()))), Optional.empty());
    }

    /** Skips or postpones the email, as its subject's or its recipient's state decided. */
    public Result notSending(ClaimedAction action, Shop shop, EmailAddress to, EmailDecision decision) {
        return switch (decision) {
            case EmailDecision.Skip skip -> finish(action, ActionOutcome.skipped(skip.reason()), List.of(entry(action, EntryKind.EMAIL_SKIPPED, "skipped",
                    notSent(action, skip.reason(), skip.detail()))), Optional.of(to));
            case EmailDecision.Postpone postpone -> {
                var entry = entry(action, EntryKind.EMAIL_POSTPONED, "postponed-" + action.attempt(), EntryText.of(Phrase.EMAIL_POSTPONED)
                        .with("email", action.kind().code()).moment("until", postpone.until(), shop.settings().timeZone())
                        .code("reason", Vocabulary.REASON, postpone.reason()));
                yield actions.reschedule(action, postpone.until(), List.of(entry), Optional.of(to))
                        ? Result.of(Handled.POSTPONED, postpone.reason()) : Result.of(Handled.STALE);
            }
            case EmailDecision.Send send -> throw new IllegalStateException("the recipient gate refused what the policy lets through");
        };
    }

    /** Ends the action as {@code outcome}, with its entries; STALE when its claim was lost meanwhile. */
    public Result finish(ClaimedAction action, ActionOutcome outcome, List<TimelineEntry> entries, Optional<EmailAddress> customer) {
        return ended(actions.complete(action, outcome, entries, customer), outcome);
    }

    private static Result ended(boolean completed, ActionOutcome outcome) {
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

    /** An entry of the action's email on its subject's timeline, now. */
    public TimelineEntry entry(ClaimedAction action, EntryKind kind, String suffix, EntryText text) {
        return new TimelineEntry("email-" + action.actionId() + "-" + suffix, action.subject(), clock.instant(), kind, text, Optional.empty());
    }

    /** @param detail what makes the reason particular: a code, or the mail service's own words */
    public static EntryText notSent(ClaimedAction action, Reason why, Optional<? extends EntryParam> detail) {
        var said = EntryText.of(Phrase.EMAIL_NOT_SENT).with("email", action.kind().code()).code("reason", Vocabulary.REASON, why);
        return detail.<EntryText>map(d -> said.with("detail", d)).orElse(said);
    }

    /** The step is given only actions that email the customer. */
    public static EmailKind kind(ClaimedAction action) {
        return EmailKind.of(action.kind()).orElseThrow(() -> new IllegalArgumentException(action.kind().slug() + " is not a customer's email"));
    }
}
