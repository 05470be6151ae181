package io.aftercare.domain.ticket;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.RaceRetry;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionOutcome;
import io.aftercare.domain.action.ActionStore;
import io.aftercare.domain.action.ActionWorker.Handled;
import io.aftercare.domain.action.ActionWorker.Result;
import io.aftercare.domain.action.ActionWorker.Runner;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.discount.IssuedDiscount;
import io.aftercare.domain.email.DiscountCodes;
import io.aftercare.domain.email.EmailDecision;
import io.aftercare.domain.email.EmailRejected;
import io.aftercare.domain.email.EmailThread;
import io.aftercare.domain.email.SendingMark;
import io.aftercare.domain.customer.CustomerSummary;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.TimelineReader;
import io.aftercare.domain.timeline.Vocabulary;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A ticket's due actions: the acknowledgement, agents' replies, SLA warnings and breach notices, escalations,
 * goodwill. Each re-reads the ticket when it comes due, and does nothing if its moment has passed (answered, paused,
 * resolved, re-planned): an escalation never goes out after an agent replied, even when it was already queued. Notices
 * to staff wait for business hours, unless the ticket is urgent or the shop works around the clock.
 *
 * <p>A permanent refusal by the mail service (an unverified address in the SES sandbox) is recorded as failed, on the
 * action and the ticket's timeline, and not retried. A notice goes to several people: each one's outcome is recorded
 * on the action as it happens, so a retry after a temporary failure or a crash skips everyone already reached.
 */
public final class TicketDeadlines implements Runner {

    private static final String SENT = "sent";
    private static final String REFUSED = "refused: ";
    private static final String CHAT = "chat";

    private final ActionStore actions;
    private final SendingMark marks;
    private final TicketStore tickets;
    private final TimelineReader orders;
    private final ShopCache shops;
    private final TicketMailer mailer;
    private final StaffNotifier staff;
    private final DiscountCodes discounts;
    private final Function<ShopId, Map<Role, List<EmailAddress>>> members;
    private final Supplier<URI> console;
    private final Clock clock;

    /**
     * @param marks the customer's emails' sending marks and records, which keep their threads: usually {@code actions}
     * @param orders where a goodwill code finds the ticket's order's customer
     * @param members the addresses of a shop's members by role, read once when a notice naming roles or a mention goes out
     * @param console where the console is served: notices link to the ticket there
     */
    public TicketDeadlines(ActionStore actions, SendingMark marks, TicketStore tickets, TimelineReader orders, ShopCache shops, TicketMailer mailer, StaffNotifier staff,
                           DiscountCodes discounts, Function<ShopId, Map<Role, List<EmailAddress>>> members, Supplier<URI> console, Clock clock) {
        this.actions = actions;
        this.marks = marks;
        this.tickets = tickets;
        this.orders = orders;
        this.shops = shops;
        this.mailer = mailer;
        this.staff = staff;
        this.discounts = discounts;
        this.members = members;
        this.console = console;
        this.clock = clock;
    }

    @Override
    public Result run(ClaimedAction action) {
        Optional<Shop> shop = shops.find(action.shop());
        ActionKind kind = action.kind();
        // a reply's text is read with its ticket, in one request
        Optional<TicketStore.WithReply> replying = kind.equals(ActionKind.TICKET_REPLY)
                ? tickets.findWithReply(action.shop(), action.subject().id(), action.detail(ActionDetail.Reply.class).version())
                : Optional.empty();
        Optional<Ticket> ticket = kind.equals(ActionKind.TICKET_REPLY) ? replying.map(TicketStore.WithReply::ticket)
                : tickets.find(action.shop(), action.subject().id());
        if (shop.isEmpty() || ticket.isEmpty()) {
            return skip(action, Reason.TICKET_GONE, Optional.empty(), Optional.empty());
        }
        if (kind.equals(ActionKind.TICKET_ACK)) {
            return acknowledge(action, shop.get(), ticket.get());
        }
        if (kind.equals(ActionKind.TICKET_REPLY)) {
            return sendReply(action, shop.get(), ticket.get(), replying.get().reply());
        }
        if (kind.equals(ActionKind.GOODWILL)) {
            return goodwill(action, shop.get(), ticket.get());
        }
        if (kind.equals(ActionKind.MENTION)) {
            return mention(action, shop.get(), ticket.get());
        }
        if (kind.equals(ActionKind.SLA_WARNING) || kind.equals(ActionKind.SLA_BREACH) || kind.equals(ActionKind.ESCALATION)) {
            return notice(action, shop.get(), ticket.get());
        }
        throw new IllegalArgumentException(kind + " is not a ticket action");
    }

    /** Promises the first answer by its deadline: once the agent has answered, there is nothing left to promise. */
    private Result acknowledge(ClaimedAction action, Shop shop, Ticket ticket) {
        if (ticket.clock(SlaTarget.FIRST_RESPONSE).filter(SlaClock::isMet).isPresent()) {
            return skip(action, Reason.AGENT_ANSWERED, Optional.empty(), Optional.of(ticket));
        }
        EmailThread thread = mailer.thread(shop, ticket);
        if (!marks.beginReply(action, clock.instant(), thread)) {
            return Result.of(Handled.STALE);
        }
        var sla = TicketLifecycle.slaCalendar(shop, ticket);
        Instant answerBy = ticket.clock(SlaTarget.FIRST_RESPONSE).flatMap(c -> c.dueAt(sla)).orElse(clock.instant());
        return toCustomer(action, ticket, thread, () -> mailer.acknowledge(shop, ticket, answerBy, thread), EntryKind.EMAIL_SENT, EntryText.of(Phrase.ACKNOWLEDGED)
                .text("ticket", ticket.number()).moment("answerBy", answerBy, shop.settings().timeZone()));
    }

    /** An agent's reply, recorded before this action could exist: sent whatever the ticket's state is now. */
    private Result sendReply(ClaimedAction action, Shop shop, Ticket ticket, Optional<String> message) {
        if (message.isEmpty()) {
            return skip(action, Reason.REPLY_MISSING, Optional.empty(), Optional.of(ticket));
        }
        EmailThread thread = mailer.thread(shop, ticket);
        if (!marks.beginReply(action, clock.instant(), thread)) {
            return Result.of(Handled.STALE);
        }
        return toCustomer(action, ticket, thread, () -> mailer.reply(shop, ticket, message.get(), thread), EntryKind.EMAIL_SENT,
                EntryText.of(Phrase.REPLY_EMAILED));
    }

    private Result goodwill(ClaimedAction action, Shop shop, Ticket ticket) {
        var template = shop.settings().support().goodwill();
        if (template.isEmpty()) {
            return skip(action, Reason.GOODWILL_OFF, Optional.empty(), Optional.of(ticket));
        }
        // made in the shop and kept before sending; a refusal sends the apology without a code and the timeline says why
        // the ticket's order's customer when it is the complainant: their platform id limits the code to them, and only
        // then is the reminder that order's email (someone else's order on the ticket would hand them the code)
        Optional<CustomerContact> orderCustomer = ticket.order().flatMap(order -> orders.order(shop.id(), order)).flatMap(OrderState::customer)
                .filter(contact -> contact.email().hash().equals(ticket.customer().email().hash()));
        // without one (no order, or someone else's): their profile, whose platform id an earlier order or webhook left
        CustomerContact owner = orderCustomer.or(() -> orders.customer(shop.id(), ticket.customer().email()).map(CustomerSummary::contact)
                .filter(contact -> contact.platformId().isPresent())).orElse(ticket.customer());
        IssuedDiscount issued = discounts.issue(shop, template.get(), action, owner, orderCustomer.flatMap(own -> ticket.order()));
        EmailThread thread = mailer.thread(shop, ticket);
        if (!marks.beginReply(action, clock.instant(), thread)) {
            return Result.of(Handled.STALE);
        }
        int percent = template.get().percent();
        return toCustomer(action, ticket, thread, () -> mailer.goodwill(shop, ticket, issued.code(), percent, thread),
                issued.code().isPresent() ? EntryKind.DISCOUNT_ISSUED : EntryKind.DISCOUNT_WITHHELD,
                issued.code().<EntryText>map(code -> EntryText.of(Phrase.GOODWILL_SENT).text("code", code).count("percent", percent)
                        .flag("anyBuyer", issued.anyBuyer()))
                        .orElseGet(() -> DiscountCodes.withheld(action, issued.refusal().orElseThrow())));
    }

    /** Sends one email to the customer and ends the action: sent, or failed for good when the mail service refuses it. */
    private Result toCustomer(ClaimedAction action, Ticket ticket, EmailThread thread, Supplier<String> send, EntryKind kind, EntryText text) {
        String messageId;
        try {
            messageId = send.get();
        } catch (EmailRejected refused) {
            return end(action, ActionOutcome.failed(Reason.REJECTED), List.of(entry(action, EntryKind.EMAIL_FAILED, "failed",
                    EntryText.of(Phrase.CUSTOMER_EMAIL_REFUSED).with("email", action.kind().code()).text("detail", refused.getMessage()))),
                    ticket);
        }
        boolean recorded = marks.sent(action, messageId, List.of(entry(action, kind, "sent", text)), ticket.customer().email(), thread);
        return recorded ? Result.of(Handled.SENT) : Result.of(Handled.STALE);
    }

    /** A warning, a breach notice or an escalation: only while its moment is still the ticket's current one. */
    private Result notice(ClaimedAction action, Shop shop, Ticket ticket) {
        Optional<EmailDecision.Skip> stale = staleness(action, ticket);
        if (stale.isPresent()) {
            return skip(action, stale.get().reason(), stale.get().detail(), Optional.of(ticket));
        }
        Instant now = clock.instant();
        BusinessCalendar office = shop.settings().support().calendar(shop.settings().timeZone());
        if (ticket.priority() != Priority.URGENT && !office.isOpen(now)) {
            Instant opening = office.nextOpening(now);
            return actions.reschedule(action, opening, List.of(entry(action, EntryKind.EMAIL_POSTPONED, "held-" + action.attempt(),
                    EntryText.of(Phrase.NOTICE_HELD).with("email", action.kind().code()).moment("opens", opening, shop.settings().timeZone()))),
                    customer(ticket))
                    ? Result.of(Handled.POSTPONED, Reason.OUTSIDE_BUSINESS_HOURS) : Result.of(Handled.STALE);
        }
        Optional<Map<String, String>> before = actions.beginSendingToEach(action, clock.instant());
        if (before.isEmpty()) {
            return Result.of(Handled.STALE);
        }
        ActionDetail.Planned detail = action.detail(ActionDetail.Planned.class);
        Staff what = Staff.of(action.kind(), detail, ticket.number());
        List<EmailAddress> to = what.level() == 1 && ticket.assignee().isPresent() ? List.of(ticket.assignee().get()) : contacts(shop, what.level());
        String text = what.heading() + "\nPriority: " + ticket.priority().slug() + "\nSubject: " + ticket.subject()
                + "\nCustomer: " + ticket.customer().email().masked() + "\nOpened: " + TicketLifecycle.when(shop, ticket.createdAt())
                + "\nOpen it: " + ticketLink(ticket);
        var notice = new StaffNotifier.Notice("[" + shop.settings().brandName() + "] " + what.heading(), text);
        Optional<Notified> notified = notifyEach(action, shop, to, notice, before.get(), true);
        if (notified.isEmpty()) {
            return Result.of(Handled.STALE);
        }
        record(action, shop, ticket, detail, now);
        return reported(action, ticket, notified.get(), what.entry(), what.phrase());
    }

    /**
     * The members a note mentions, emailed at once whatever the ticket's state (they were asked to look), each only
     * while still a member; never posted to the shop's chat, which is no one person's.
     */
    private Result mention(ClaimedAction action, Shop shop, Ticket ticket) {
        ActionDetail.Mention detail = action.detail(ActionDetail.Mention.class);
        Map<Role, List<EmailAddress>> holding = members.apply(shop.id());
        List<EmailAddress> to = Arrays.stream(Role.values()).flatMap(role -> holding.getOrDefault(role, List.of()).stream())
                .filter(member -> detail.members().contains(member.hash())).distinct().toList();
        if (to.isEmpty()) {
            return skip(action, Reason.NOT_A_MEMBER, Optional.empty(), Optional.of(ticket));
        }
        Optional<Map<String, String>> before = actions.beginSendingToEach(action, clock.instant());
        if (before.isEmpty()) {
            return Result.of(Handled.STALE);
        }
        String heading = detail.by() + " mentioned you in a note on " + ticket.number();
        String text = heading + "\nSubject: " + ticket.subject() + "\nOpen it: " + ticketLink(ticket);
        Optional<Notified> notified = notifyEach(action, shop, to, new StaffNotifier.Notice("[" + shop.settings().brandName() + "] " + heading, text), before.get(), false);
        if (notified.isEmpty()) {
            return Result.of(Handled.STALE);
        }
        return reported(action, ticket, notified.get(), EntryKind.EMAIL_SENT,
                EntryText.of(Phrase.MENTION_SENT).text("by", detail.by()).text("ticket", ticket.number()));
    }

    /** The notice's entry (whom it reached), one entry per refusal, and the action's end: failed when no one was reached. */
    private Result reported(ClaimedAction action, Ticket ticket, Notified notified, EntryKind kind, EntryText.Phrased phrase) {
        List<TimelineEntry> entries = new ArrayList<>(List.of(entry(action, kind, "sent", notified.said(phrase))));
        notified.refused().forEach((contact, why) -> entries.add(entry(action, EntryKind.EMAIL_FAILED, "refused-" + contact.hash(),
                EntryText.of(Phrase.NOTICE_REFUSED).with("email", action.kind().code()).text("to", contact.masked()).text("detail", why))));
        boolean nobodyReached = notified.reached().isEmpty() && !notified.refused().isEmpty();
        return end(action, nobodyReached ? ActionOutcome.failed(Reason.REJECTED) : ActionOutcome.sent("notice"), entries, ticket);
    }

    /** Where the console shows the ticket. */
    private String ticketLink(Ticket ticket) {
        return console.get().toString().replaceAll("/+$", "") + "/console/tickets/" + URLEncoder.encode(ticket.id(), StandardCharsets.UTF_8);
    }

    /**
     * What a notice to staff is: the escalation level whose contacts it goes to (1 for SLA notices), the heading of
     * its email and chat post, and the timeline entry's kind and phrase.
     */
    private record Staff(int level, String heading, EntryKind entry, EntryText.Phrased phrase) {

        static Staff of(ActionKind kind, ActionDetail.Planned detail, String ticket) {
            return switch (detail) {
                case ActionDetail.SlaDeadline deadline when kind.equals(ActionKind.SLA_WARNING) -> new Staff(1,
                        "SLA warning: " + deadline.target().label() + " for " + ticket + " is 75% used", EntryKind.SLA_WARNING,
                        EntryText.of(Phrase.SLA_WARNING).code("target", Vocabulary.SLA, deadline.target()).text("ticket", ticket));
                case ActionDetail.SlaDeadline deadline -> new Staff(1, "SLA breached: " + deadline.target().label() + " for " + ticket,
                        EntryKind.SLA_BREACHED, EntryText.of(Phrase.SLA_BREACHED).code("target", Vocabulary.SLA, deadline.target()).text("ticket", ticket));
                case ActionDetail.Escalation escalation -> new Staff(escalation.level(),
                        "Escalation level " + escalation.level() + ": " + ticket + " is waiting for an answer", EntryKind.ESCALATED,
                        EntryText.of(Phrase.ESCALATED).count("level", escalation.level()).text("ticket", ticket));
            };
        }
    }

    /** Who a notice reached, who refused it (with why), and how the chat post went, if there is a chat. */
    private record Notified(List<EmailAddress> reached, Map<EmailAddress, String> refused, Optional<String> chat) {

        /** The timeline's account of it, on the notice's entry. */
        EntryText said(EntryText.Phrased notice) {
            return notice.text("reached", masked(reached)).text("refused", masked(List.copyOf(refused.keySet()))).text("chat", chat)
                    .flag("nobody", reached.isEmpty() && refused.isEmpty() && chat.isEmpty());
        }

        private static Optional<String> masked(List<EmailAddress> addresses) {
            return addresses.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", addresses.stream().map(EmailAddress::masked).toList()));
        }
    }

    /**
     * Notifies each recipient not reached by an earlier attempt of this action ({@code before}), recording each outcome
     * on the action before the next step: a crash repeats at most the one email between SES accepting it and that
     * record. The last step's outcome is not recorded apart when nothing follows it but the completion, which ends
     * the action with it (the same window as for any email).
     *
     * @param slaNotice an SLA notice or escalation, which also goes to the shop's chat (a breach or an escalation then
     *                  changes the ticket); a mention goes only to the members it names
     * @return empty when the claim was lost meanwhile
     */
    private Optional<Notified> notifyEach(ClaimedAction action, Shop shop, List<EmailAddress> to, StaffNotifier.Notice notice,
                                          Map<String, String> before, boolean slaNotice) {
        boolean chatDue = slaNotice && shop.settings().support().chatWebhookUrl().isPresent() && !before.containsKey(CHAT);
        boolean ticketChangeFollows = slaNotice && changesTicket(action.kind());
        Optional<EmailAddress> lastEmailed = to.stream().filter(contact -> !before.containsKey(contact.hash())).reduce((first, second) -> second);
        List<EmailAddress> reached = new ArrayList<>();
        Map<EmailAddress, String> refused = new LinkedHashMap<>();
        for (EmailAddress contact : to) {
            String outcome = before.get(contact.hash());
            if (outcome == null) {
                try {
                    staff.email(shop, contact, notice);
                    outcome = SENT;
                } catch (EmailRejected rejected) {
                    outcome = REFUSED + rejected.getMessage();
                }
                boolean completionFollows = !ticketChangeFollows && !chatDue && lastEmailed.get().equals(contact);
                if (!completionFollows && !actions.recordRecipient(action, contact.hash(), outcome)) {
                    return Optional.empty();
                }
            }
            if (outcome.startsWith(REFUSED)) {
                refused.put(contact, outcome.substring(REFUSED.length()));
            } else {
                reached.add(contact);
            }
        }
        if (!slaNotice) { // a mention is for the people it names, not the shop's chat
            return Optional.of(new Notified(reached, refused, Optional.empty()));
        }
        Optional<String> chat = Optional.ofNullable(before.get(CHAT)).or(() -> staff.chat(shop, notice));
        if (chatDue && chat.isPresent() && ticketChangeFollows && !actions.recordRecipient(action, CHAT, chat.get())) {
            return Optional.empty();
        }
        return Optional.of(new Notified(reached, refused, chat));
    }

    /** A warning only tells; a breach or an escalation also changes the ticket. */
    private static boolean changesTicket(ActionKind kind) {
        return !kind.equals(ActionKind.SLA_WARNING);
    }

    /** A breach or an escalation changes the ticket; an agent may change it at the same moment, so it is retried on a fresh copy. */
    private void record(ClaimedAction action, Shop shop, Ticket ticket, ActionDetail.Planned detail, Instant now) {
        if (!changesTicket(action.kind())) {
            return;
        }
        // the copy read when the action began is tried first: a change made since fails the write, and a fresh copy is read
        var copies = new ArrayDeque<>(List.of(ticket));
        RaceRetry.untilItWins(() -> {
            Ticket base = copies.isEmpty() ? tickets.find(shop.id(), ticket.id()).orElseThrow() : copies.pop();
            Optional<Ticket> changed = switch (detail) {
                case ActionDetail.Escalation escalation -> Optional.of(base.escalatedTo(escalation.level()));
                case ActionDetail.SlaDeadline deadline -> base.clock(deadline.target()).map(c -> base.replacing(c, c.markBreached()));
            };
            // the calendar of the copy being written: an agent may have changed the priority since the action was claimed
            changed.ifPresent(next -> tickets.update(TicketChange.of(next.nextVersion(), List.of(), List.of(), 0,
                    TicketLifecycle.slaCalendar(shop, next), now), Optional.empty()));
            return changed;
        });
    }

    /** Why the action's moment has passed, if it has. */
    private Optional<EmailDecision.Skip> staleness(ClaimedAction action, Ticket ticket) {
        ActionDetail.Planned detail = action.detail(ActionDetail.Planned.class);
        if (ticket.status() != TicketStatus.OPEN) {
            return Optional.of(new EmailDecision.Skip(Reason.TICKET_NOT_OPEN, Vocabulary.TICKET_STATUS, ticket.status()));
        }
        switch (detail) {
            case ActionDetail.Escalation escalation -> {
                if (ticket.runningResponseClock().isEmpty()) {
                    return Optional.of(new EmailDecision.Skip(Reason.AGENT_ANSWERED));
                }
                if (escalation.level() <= ticket.escalationLevel()) {
                    return Optional.of(new EmailDecision.Skip(Reason.ALREADY_ESCALATED));
                }
            }
            case ActionDetail.SlaDeadline deadline -> {
                if (ticket.clock(deadline.target()).filter(SlaClock::isRunning).isEmpty()) {
                    return Optional.of(new EmailDecision.Skip(Reason.SLA_MET, Vocabulary.SLA, deadline.target()));
                }
            }
        }
        return detail.plan() == ticket.plan() ? Optional.empty() : Optional.of(new EmailDecision.Skip(Reason.REPLANNED));
    }

    /** The step's addresses, then its roles' members (each once), as they are now. */
    private List<EmailAddress> contacts(Shop shop, int level) {
        return shop.settings().support().escalation().stream().filter(s -> s.level() == level).findFirst()
                .map(step -> {
                    Map<Role, List<EmailAddress>> holding = step.roles().isEmpty() ? Map.of() : members.apply(shop.id());
                    return Stream.concat(step.contacts().stream(), step.roles().stream().flatMap(role -> holding.getOrDefault(role, List.of()).stream()))
                            .distinct().toList();
                })
                .orElse(List.of());
    }

    private Result skip(ClaimedAction action, Reason why, Optional<EntryParam.Code> detail, Optional<Ticket> ticket) {
        var said = EntryText.of(Phrase.NOT_NEEDED).with("email", action.kind().code()).code("reason", Vocabulary.REASON, why);
        var entry = entry(action, EntryKind.EMAIL_SKIPPED, "skipped", detail.map(d -> said.with("detail", d)).orElse(said));
        return actions.complete(action, ActionOutcome.skipped(why), List.of(entry), ticket.flatMap(TicketDeadlines::customer))
                ? Result.of(Handled.SKIPPED, why) : Result.of(Handled.STALE);
    }

    private Result end(ClaimedAction action, ActionOutcome outcome, List<TimelineEntry> entries, Ticket ticket) {
        if (!actions.complete(action, outcome, entries, customer(ticket))) {
            return Result.of(Handled.STALE);
        }
        return outcome.result() == ActionOutcome.Result.FAILED ? Result.of(Handled.FAILED, outcome.reason().orElseThrow()) : Result.of(Handled.SENT);
    }

    private static Optional<EmailAddress> customer(Ticket ticket) {
        return Optional.of(ticket.customer().email());
    }

    private TimelineEntry entry(ClaimedAction action, EntryKind kind, String suffix, EntryText text) {
        return new TimelineEntry("action-" + action.actionId() + "-" + suffix, action.subject(), clock.instant(), kind, text, Optional.empty());
    }

}
