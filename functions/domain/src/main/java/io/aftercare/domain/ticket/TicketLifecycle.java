package io.aftercare.domain.ticket;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.shop.BusinessCalendar;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.shop.SlaTargets;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What happens to a ticket, without reading or writing anything: a ticket, what was done to it and when, in; the
 * change to write (the next ticket, its timeline entries, its deadlines and emails as due actions) out. The status
 * transitions, the SLA clocks' pauses and resumes, and the timeline's wording live here.
 */
final class TicketLifecycle {

    private static final Map<TicketStatus, Set<TicketStatus>> TRANSITIONS = Map.of(
            TicketStatus.OPEN, Set.of(TicketStatus.PENDING, TicketStatus.RESOLVED, TicketStatus.CLOSED),
            TicketStatus.PENDING, Set.of(TicketStatus.OPEN, TicketStatus.RESOLVED, TicketStatus.CLOSED),
            TicketStatus.RESOLVED, Set.of(TicketStatus.OPEN, TicketStatus.CLOSED),
            TicketStatus.CLOSED, Set.of());
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** How long after a resolution its customer is asked how satisfied they are: time to see whether it holds. */
    static final Duration SURVEY_AFTER = Duration.ofHours(24);

    private final TicketPlanner planner = new TicketPlanner();

    /** The new ticket with the number it takes, its timeline and its deadlines. */
    TicketChange opening(Shop shop, String id, String number, Priority priority, TicketService.NewTicket complaint, Instant now) {
        SlaTargets targets = shop.settings().support().sla().get(priority);
        Ticket ticket = TicketBuilder.builder().shop(shop.id()).id(id).number(number).subject(complaint.subject()).priority(priority)
                .status(TicketStatus.OPEN).customer(complaint.customer()).order(complaint.order()).assignee(Optional.empty())
                .clocks(List.of(SlaClock.start(SlaTarget.FIRST_RESPONSE, 0, targets.firstResponse(), now),
                        SlaClock.start(SlaTarget.RESOLUTION, 0, targets.resolution(), now)))
                .createdAt(now).firstResponseAt(Optional.empty()).resolvedAt(Optional.empty()).plan(1).version(1)
                .lastMessage(Optional.of(new LastMessage(now, LastMessage.CUSTOMER, excerpt(complaint.message()))))
                .build();
        var sla = slaCalendar(shop, ticket);
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(entry(ticket, "opened", EntryKind.TICKET_OPENED, EntryText.of(Phrase.TICKET_OPENED).text("ticket", ticket.number())
                .code("priority", Vocabulary.PRIORITY, priority).text("subject", complaint.subject())
                .moment("due", ticket.clock(SlaTarget.FIRST_RESPONSE).orElseThrow().dueAt(sla).orElseThrow(), shop.settings().timeZone()), now));
        entries.add(complaint.raisedByAftercare()
                ? entry(ticket, "message-0", EntryKind.INTERNAL_NOTE, EntryText.of(Phrase.INTERNAL_NOTE).text("agent", "Aftercare")
                        .text("excerpt", excerpt(complaint.message())), now)
                : entry(ticket, "message-0", EntryKind.CUSTOMER_WROTE, wrote(complaint.message(), complaint.notes()), now));
        complaint.order().ifPresent(order -> entries.add(new TimelineEntry("complaint-" + ticket.id(), Subject.order(order), now,
                EntryKind.TICKET_OPENED, EntryText.of(Phrase.COMPLAINT_OPENED).text("ticket", ticket.number()).text("subject", complaint.subject()),
                Optional.empty())));
        List<DueAction> actions = new ArrayList<>();
        if (!complaint.raisedByAftercare()) {
            actions.add(DueAction.of(ActionKind.TICKET_ACK, subject(ticket), now));
        }
        actions.addAll(planner.plan(ticket, shop.settings().support(), sla, now));
        return TicketChange.of(ticket, entries, actions, +1, sla, now);
    }

    /** A follow-up from the customer: reopens a resolved ticket, resumes a paused one, and starts the next-response clock. */
    TicketChange customerWrote(Shop shop, Ticket ticket, String message, MessageNotes notes, Instant now) {
        var sla = slaCalendar(shop, ticket);
        SlaTargets targets = shop.settings().support().sla().get(ticket.priority());
        List<TimelineEntry> entries = new ArrayList<>();
        int openDelta = 0;
        List<SlaClock> clocks = new ArrayList<>();
        for (SlaClock c : ticket.clocks()) {
            clocks.add(c.isMet() ? c : c.resume(now));
        }
        if (!ticket.status().isActive()) {
            openDelta = 1;
            entries.add(entry(ticket, "reopened-" + ticket.version(), EntryKind.TICKET_UPDATED, EntryText.of(Phrase.TICKET_REOPENED), now));
            int cycle = ticket.clock(SlaTarget.RESOLUTION).map(SlaClock::cycle).orElse(0) + 1;
            clocks.add(SlaClock.start(SlaTarget.RESOLUTION, cycle, targets.resolution(), now));
        }
        if (clocks.stream().noneMatch(c -> c.target() != SlaTarget.RESOLUTION && c.isRunning())) {
            int cycle = (int) clocks.stream().filter(c -> c.target() != SlaTarget.RESOLUTION).count();
            clocks.add(SlaClock.start(SlaTarget.NEXT_RESPONSE, cycle, targets.nextResponse(), now));
        }
        entries.add(entry(ticket, "message-" + ticket.version(), EntryKind.CUSTOMER_WROTE, wrote(message, notes), now));
        Ticket next = ticket.with(b -> b.status(TicketStatus.OPEN).clocks(clocks).resolvedAt(Optional.empty())
                .lastMessage(Optional.of(new LastMessage(now, LastMessage.CUSTOMER, excerpt(message))))).nextPlan().nextVersion();
        return changed(shop, next, entries, planner.plan(next, shop.settings().support(), sla, now), openDelta, now);
    }

    /**
     * An agent's answer: it meets the response clock that was waiting for it, and is emailed by a due action written
     * with it.
     *
     * @throws InvalidInput when the ticket is closed or the reply empty
     */
    TicketChange reply(Shop shop, Ticket ticket, String agent, String message, Instant now) {
        if (ticket.status() == TicketStatus.CLOSED) {
            throw new InvalidInput("status", "ticket " + ticket.number() + " is closed");
        }
        if (message == null || message.isBlank()) {
            throw new InvalidInput("message", "the reply is empty");
        }
        var sla = slaCalendar(shop, ticket);
        Ticket next = ticket;
        Optional<SlaClock> met = ticket.runningResponseClock().map(response -> response.stop(now, sla));
        if (met.isPresent()) {
            next = next.replacing(ticket.runningResponseClock().get(), met.get());
        }
        next = next.answered(now).withLastMessage(Optional.of(new LastMessage(now, agent, excerpt(message)))).nextPlan().nextVersion();
        var replied = EntryText.of(Phrase.AGENT_REPLIED).text("agent", agent).text("excerpt", excerpt(message));
        if (met.isPresent()) {
            replied = replied.code("target", Vocabulary.SLA, met.get().target()).flag("breached", met.get().breached());
        }
        var entry = entry(ticket, "reply-" + ticket.version(), EntryKind.AGENT_REPLIED, replied, now);
        List<DueAction> actions = new ArrayList<>(planner.plan(next, shop.settings().support(), sla, now));
        actions.add(DueAction.of(ActionKind.TICKET_REPLY, subject(ticket), new ActionDetail.Reply(ticket.version()), now));
        return changed(shop, next, List.of(entry), actions, 0, now).withReply(new TicketReply(ticket.version(), message));
    }

    /**
     * An internal note; the members it mentions are emailed a link to the ticket by a due action written with it.
     *
     * @param mentioned members of the shop (the caller checked), each once
     * @throws InvalidInput when the note is empty
     */
    TicketChange note(Shop shop, Ticket ticket, String agent, String note, List<EmailAddress> mentioned, Instant now) {
        if (note == null || note.isBlank()) {
            throw new InvalidInput("note", "the note is empty");
        }
        var said = EntryText.of(Phrase.INTERNAL_NOTE).text("agent", agent).text("excerpt", excerpt(note));
        List<DueAction> actions = new ArrayList<>();
        if (!mentioned.isEmpty()) {
            said = said.text("mentioned", String.join(", ", mentioned.stream().map(EmailAddress::masked).toList()));
            actions.add(DueAction.of(ActionKind.MENTION, subject(ticket), new ActionDetail.Mention(ticket.version(), agent,
                    mentioned.stream().map(EmailAddress::hash).collect(Collectors.toSet())), now));
        }
        return changed(shop, ticket.nextVersion(), List.of(entry(ticket, "note-" + ticket.version(), EntryKind.INTERNAL_NOTE, said, now)),
                actions, 0, now);
    }

    /**
     * An agent's change of priority, assignee or status; a ticket resolved or closed after a breach earns the customer
     * the shop's goodwill discount, once, and a resolved one asks them, a day later, how satisfied they are.
     *
     * @return empty when it changes nothing
     * @throws InvalidInput when the status cannot go where asked
     */
    Optional<TicketChange> change(Shop shop, Ticket ticket, TicketService.Changes changes, String agent, Instant now) {
        var said = EntryText.of(Phrase.TICKET_CHANGED).text("agent", agent);
        List<DueAction> extra = new ArrayList<>();
        int openDelta = 0;
        boolean resolved = false;
        Ticket next = ticket;
        if (changes.priority().isPresent() && changes.priority().get() != ticket.priority()) {
            next = reprioritised(shop, next, changes.priority().get());
            said = said.code("priorityFrom", Vocabulary.PRIORITY, ticket.priority()).code("priorityTo", Vocabulary.PRIORITY, next.priority());
        }
        if (changes.assignee().isPresent()) {
            next = next.withAssignee(changes.assignee().get());
            Optional<EmailAddress> assignee = changes.assignee().get();
            said = assignee.isPresent() ? said.text("assignee", assignee.get().masked()) : said.flag("unassigned", true);
        }
        if (changes.status().isPresent() && changes.status().get() != ticket.status()) {
            TicketStatus to = changes.status().get();
            if (!TRANSITIONS.get(ticket.status()).contains(to)) {
                throw new InvalidInput("status", "a " + ticket.status().slug() + " ticket cannot become " + to.slug());
            }
            var sla = slaCalendar(shop, next);
            Ticket from = next;
            next = switch (to) {
                case PENDING -> from.with(b -> b.status(to).clocks(mapClocks(from, c -> c.pause(now, sla))));
                case OPEN -> from.with(b -> b.status(to).clocks(mapClocks(from, c -> c.isMet() ? c : c.resume(now))).resolvedAt(Optional.empty()));
                case RESOLVED, CLOSED -> from.with(b -> b.status(to).clocks(mapClocks(from, c -> c.isMet() ? c : c.stop(now, sla)))
                        .resolvedAt(from.resolvedAt().or(() -> Optional.of(now))));
            };
            openDelta = (to.isActive() ? 1 : 0) - (ticket.status().isActive() ? 1 : 0);
            resolved = to == TicketStatus.RESOLVED;
            said = said.code("statusFrom", Vocabulary.TICKET_STATUS, ticket.status()).code("statusTo", Vocabulary.TICKET_STATUS, to);
            if (!to.isActive() && next.breachedAny() && !next.compensated() && shop.settings().support().goodwill().isPresent()) {
                next = next.withCompensated(true);
                extra.add(DueAction.of(ActionKind.GOODWILL, subject(next), now));
            }
        }
        if (said.params().size() == 1) { // the agent alone: nothing changed
            return Optional.empty();
        }
        next = next.nextPlan().nextVersion();
        if (resolved) {
            satisfactionSurvey(shop, next, now).ifPresent(extra::add);
        }
        var entry = entry(ticket, "change-" + ticket.version(), EntryKind.TICKET_UPDATED, said, now);
        List<DueAction> actions = new ArrayList<>(planner.plan(next, shop.settings().support(), slaCalendar(shop, next), now));
        actions.addAll(extra);
        return Optional.of(changed(shop, next, List.of(entry), actions, openDelta, now));
    }

    /**
     * The survey a resolution asks, keyed by the version that resolved it: while the shop asks it, and only of a
     * customer an agent answered (a parcel's case Aftercare closed on its delivery helped no one to rate).
     */
    private static Optional<DueAction> satisfactionSurvey(Shop shop, Ticket resolved, Instant now) {
        if (!shop.settings().support().csatSurvey() || resolved.firstResponseAt().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(DueAction.of(EmailKind.CSAT_SURVEY.action(), subject(resolved),
                new ActionDetail.Resolution(resolved.version(), resolved.resolvedAt().orElseThrow()), now.plus(SURVEY_AFTER)));
    }

    /** The clock a ticket's SLA counts on. */
    static BusinessCalendar slaCalendar(Shop shop, Ticket ticket) {
        return shop.settings().support().slaCalendar(ticket.priority(), shop.settings().timeZone());
    }

    /** A new priority's targets for every clock still counting. */
    private static Ticket reprioritised(Shop shop, Ticket ticket, Priority priority) {
        SlaTargets targets = shop.settings().support().sla().get(priority);
        List<SlaClock> clocks = mapClocks(ticket, c -> c.isMet() ? c : c.withBudget(targets.of(c.target())));
        return ticket.with(b -> b.priority(priority).clocks(clocks));
    }

    private static TicketChange changed(Shop shop, Ticket next, List<TimelineEntry> entries, List<DueAction> actions, int openDelta, Instant now) {
        return TicketChange.of(next, entries, actions, openDelta, slaCalendar(shop, next), now);
    }

    private static List<SlaClock> mapClocks(Ticket ticket, UnaryOperator<SlaClock> change) {
        return ticket.clocks().stream().map(change).toList();
    }

    private static Subject subject(Ticket ticket) {
        return Subject.ticket(ticket.id());
    }

    private static TimelineEntry entry(Ticket ticket, String id, EntryKind kind, EntryText text, Instant at) {
        return new TimelineEntry(id, subject(ticket), at, kind, text, Optional.empty());
    }

    private static EntryText wrote(String message, MessageNotes notes) {
        var said = EntryText.of(Phrase.CUSTOMER_WROTE).text("excerpt", excerpt(message)).text("otherSender", notes.otherSender().map(EmailAddress::masked))
                .flag("unverified", notes.unverified());
        return notes.attachments() > 0 ? said.count("attachments", notes.attachments()) : said;
    }

    /** A moment as staff notices say it: {@code 2026-11-23 10:00 (Europe/Warsaw)}. */
    static String when(Shop shop, Instant at) {
        return WHEN.format(at.atZone(shop.settings().timeZone())) + " (" + shop.settings().timeZone().getId() + ")";
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 199) + "…" : flat;
    }
}
