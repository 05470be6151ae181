package io.aftercare.domain.inbound;

import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.DuplicateDelivery;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Limits;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.Sha256;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.email.InboundDomain;
import io.aftercare.domain.email.Threading;
import io.aftercare.domain.inbound.InboundOutcome.Disposition;
import io.aftercare.domain.inbound.MailVerdicts.Verdict;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.ticket.MessageNotes;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketId;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineAppender;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.TimelineReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Receives one email SES delivered: takes the delivery (the same notification twice adds one message), finds the shop
 * and what the email answers, then adds it to its ticket, opens a ticket, or records why not.
 *
 * <p>The shop is the one a verified reply address names, else the one whose own address received it; nothing else
 * (not a reply address's shop before its code is checked, not a thread id) chooses a shop, so a forged or foreign
 * code never reaches another shop's ticket: mail that only such a code addresses is refused, and the refusal is
 * recorded on the trail of the shop the address names, for its owners to see. Within the shop, a reply is matched by
 * its reply address's code, then by the ids it answers. Then, in this order: SES's spam or virus verdict FAIL
 * quarantines it; a sender past the shop's hourly limit is recorded once an hour and not ticketed; an automatic reply
 * is recorded on what it answers and opens nothing (so nothing acknowledges it); a reply to a ticket's email is a
 * customer message on that ticket; a reply to a post-purchase email opens a ticket with its order; anything else
 * opens a ticket for the sender. Attachments are kept (under the shop) only for mail that goes on a ticket.
 */
public final class InboundMail {

    /** Longer than the inbound function may run: a delivery still held past it was left by an invocation that died. */
    public static final Duration LEASE = Duration.ofMinutes(5);

    private final InboundStore store;
    private final AttachmentStore attachments;
    private final Threading threading;
    private final InboundDomain domain;
    private final ShopCache shops;
    private final TicketService tickets;
    private final TimelineReader timelines;
    private final TimelineAppender timeline;
    private final Clock clock;

    /** @throws IllegalStateException when the deployment has no inbound domain: there is nothing to receive */
    public InboundMail(InboundStore store, AttachmentStore attachments, Threading threading, ShopCache shops, TicketService tickets,
                       TimelineReader timelines, TimelineAppender timeline, Clock clock) {
        this.store = store;
        this.attachments = attachments;
        this.threading = threading;
        this.domain = threading.domain().orElseThrow(() -> new IllegalStateException("receiving mail needs the deployment's inbound domain"));
        this.shops = shops;
        this.tickets = tickets;
        this.timelines = timelines;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** What a received email is about, once its shop is known; {@code refused} when only a reply address with a code that shop never sent names it. */
    private record Addressed(Shop shop, Optional<Subject> about, boolean refused) {
    }

    /** Why mail is refused, as the shop's trail says it. */
    public enum Refusal {
        /** Its reply address carries a code the shop it names never sent (forged, or another shop's). */
        UNKNOWN_CODE("unknownCode"),
        /** It is no email Aftercare can read (no sender to answer, broken MIME). */
        UNREADABLE("unreadable"),
        /** SES's notification came, but no raw message under its id. */
        MISSING("missing");

        private final String flag;

        Refusal(String flag) {
            this.flag = flag;
        }
    }

    /**
     * @throws ChangedMeanwhile when another invocation holds the delivery, or the ticket's writes kept losing races:
     *     nothing is lost, the delivery is to be retried
     */
    public InboundOutcome receive(InboundDelivery delivery) {
        return once(delivery.deliveryId(), now -> addressed(delivery.recipients(), delivery.message().threadIds())
                .map(to -> to.refused() ? refuse(to.shop(), delivery.deliveryId(), Optional.of(delivery), Refusal.UNKNOWN_CODE)
                        : route(to, delivery, now)));
    }

    /**
     * A delivery whose message cannot be read (or is not there): refused, on the trail of the shop its recipients
     * name when they name one, once however often SES's notification comes.
     *
     * @throws ChangedMeanwhile when another invocation holds the delivery
     */
    public InboundOutcome unreadable(String deliveryId, List<EmailAddress> recipients, Refusal why) {
        return once(deliveryId, now -> addressed(recipients, List.of()).map(to -> refuse(to.shop(), deliveryId, Optional.empty(), why)));
    }

    /**
     * Takes the delivery (one conditional write), receives it, and records what that did; a delivery received before
     * is a duplicate. {@code receiving} answers nothing when no shop is addressed: refused, with no shop to tell.
     */
    private InboundOutcome once(String deliveryId, Function<Instant, Optional<InboundOutcome>> receiving) {
        Instant now = clock.instant();
        switch (store.claim(deliveryId, now, LEASE)) {
            case InboundStore.Received before -> {
                return new InboundOutcome(Disposition.DUPLICATE, before.outcome().shop(), before.outcome().ticketId());
            }
            case InboundStore.Held held -> throw new ChangedMeanwhile("delivery " + deliveryId
                    + " is being received by another invocation: retry once its lease ends");
            case InboundStore.Claimed claimed -> { }
        }
        InboundOutcome outcome = receiving.apply(now).orElseGet(() -> new InboundOutcome(Disposition.REFUSED, Optional.empty(), Optional.empty()));
        store.received(deliveryId, outcome, now);
        return outcome;
    }

    /** The emails a ticket received, kept whole (full text, attachments, verdicts), oldest first: for the agent who opens one. */
    public List<KeptMessage> ticketMail(ShopId shop, String ticketId) {
        return store.kept(shop, Subject.ticket(ticketId));
    }

    private Optional<Addressed> addressed(List<EmailAddress> recipients, List<String> threadIds) {
        Optional<Shop> receiving = Optional.empty();
        Optional<Shop> named = Optional.empty();
        for (EmailAddress recipient : recipients) {
            Optional<InboundDomain.Recipient> read = domain.recipient(recipient);
            if (read.isPresent() && read.get() instanceof InboundDomain.ReplyAddress reply) {
                Optional<Shop> shop = shops.find(reply.shop());
                Optional<Subject> about = shop.flatMap(s -> threading.byCode(s.id(), reply.code()));
                if (about.isPresent()) {
                    return Optional.of(new Addressed(shop.get(), about, false));
                }
                named = named.or(() -> shop);
            } else if (read.isPresent() && read.get() instanceof InboundDomain.ShopAddress address && receiving.isEmpty()) {
                receiving = shops.find(address.shop());
            }
        }
        Optional<Shop> refusing = named;
        return receiving.map(shop -> new Addressed(shop, threading.byThread(shop.id(), threadIds), false))
                .or(() -> refusing.map(shop -> new Addressed(shop, Optional.empty(), true)));
    }

    /** Refused, and said on the shop's trail (sender masked); the message, when there is one, kept whole beside it without its attachments. */
    private InboundOutcome refuse(Shop shop, String deliveryId, Optional<InboundDelivery> delivery, Refusal why) {
        delivery.ifPresent(d -> store.keep(shop.id(), Subject.shop(shop.id()), d, KeptAttachments.listed(d.message().attachments())));
        Optional<InboundMessage> message = delivery.map(InboundDelivery::message);
        EntryText text = EntryText.of(Phrase.MAIL_REFUSED).text("from", message.map(m -> m.from().masked()))
                .text("subject", message.map(InboundMessage::subject).filter(subject -> !subject.isBlank())).flag(why.flag, true);
        var entry = new TimelineEntry(entryId(deliveryId), Subject.shop(shop.id()), clock.instant(), EntryKind.MAIL_RECEIVED, text, Optional.empty());
        timeline.write(shop.id(), entry, message.map(m -> m.from().hash()));
        return outcome(Disposition.REFUSED, shop, Optional.empty());
    }

    private InboundOutcome route(Addressed to, InboundDelivery delivery, Instant now) {
        Shop shop = to.shop();
        InboundMessage message = delivery.message();
        MailVerdicts verdicts = delivery.verdicts();
        if (verdicts.spam() == Verdict.FAIL || verdicts.virus() == Verdict.FAIL) {
            store.keep(shop.id(), Subject.shop(shop.id()), delivery, KeptAttachments.listed(message.attachments()));
            record(shop.id(), delivery, Subject.shop(shop.id()), EntryText.of(Phrase.MAIL_QUARANTINED).text("from", message.from().masked())
                    .text("subject", message.subject()).flag("spam", verdicts.spam() == Verdict.FAIL).flag("virus", verdicts.virus() == Verdict.FAIL));
            return outcome(Disposition.QUARANTINED, shop, Optional.empty());
        }
        int limit = shop.settings().support().inbound().senderHourlyLimit();
        long sent = store.count(shop.id(), message.from().hash(), now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)), delivery.deliveryId());
        if (sent > limit) {
            if (sent == limit + 1) { // said once an hour, so that the flood does not flood the timeline
                record(shop.id(), delivery, Subject.customer(message.from()),
                        EntryText.of(Phrase.MAIL_RATE_LIMITED).text("from", message.from().masked()).count("limit", limit));
            }
            return outcome(Disposition.RATE_LIMITED, shop, Optional.empty());
        }
        Optional<Ticket> ticket = to.about().filter(s -> s.type() == Subject.Type.TICKET).flatMap(s -> ticket(shop.id(), s.id()));
        if (message.autoReply().isPresent()) {
            var auto = message.autoReply().get();
            Subject on = ticket.map(t -> Subject.ticket(t.id())).or(to::about).orElse(Subject.customer(message.from()));
            record(shop.id(), delivery, on, EntryText.of(Phrase.AUTO_REPLY_RECEIVED).text("from", message.from().masked())
                    .text("header", auto.header()).text("value", auto.value()));
            return outcome(Disposition.AUTO_REPLY_RECORDED, shop, ticket.map(Ticket::id));
        }
        if (ticket.isPresent()) {
            var kept = KeptAttachments.keep(shop.id(), delivery.deliveryId(), message.attachments(), attachments);
            store.keep(shop.id(), Subject.ticket(ticket.get().id()), delivery, kept);
            try {
                tickets.customerWrote(shop.id(), ticket.get().id(), text(message), notes(delivery, kept, ticket.get().customer().email()),
                        Optional.of("email:" + delivery.deliveryId()));
            } catch (DuplicateDelivery addedBefore) {
                // an earlier invocation added it and died before saying so
            }
            return outcome(Disposition.ADDED_TO_TICKET, shop, ticket.map(Ticket::id));
        }
        Optional<OrderState> order = to.about().filter(s -> s.type() == Subject.Type.ORDER)
                .flatMap(s -> timelines.order(shop.id(), new OrderId(s.id())));
        return open(shop, delivery, order);
    }

    /** A new ticket, named after the delivery so that an invocation that died after opening it opens nothing more. */
    private InboundOutcome open(Shop shop, InboundDelivery delivery, Optional<OrderState> order) {
        InboundMessage message = delivery.message();
        Optional<CustomerContact> ordered = order.flatMap(OrderState::customer);
        CustomerContact customer = ordered.filter(c -> c.email().equals(message.from()))
                .or(() -> timelines.customer(shop.id(), message.from()).map(summary -> summary.contact()))
                .orElseGet(() -> new CustomerContact(message.from(), Optional.ofNullable(message.fromName()).flatMap(Limits::textValue), Optional.empty()));
        String externalId = "email-" + Sha256.shortHex(delivery.deliveryId().getBytes(StandardCharsets.UTF_8));
        var kept = KeptAttachments.keep(shop.id(), delivery.deliveryId(), message.attachments(), attachments);
        store.keep(shop.id(), Subject.ticket(TicketId.ofComplaint(externalId)), delivery, kept);
        MessageNotes notes = notes(delivery, kept, ordered.map(CustomerContact::email).orElse(message.from()));
        Ticket opened = tickets.open(shop.id(), new TicketService.NewTicket(customer, subject(message), text(message),
                order.map(OrderState::orderId), Optional.empty(), false, Optional.of(externalId), false, notes), Optional.empty());
        return outcome(Disposition.OPENED_TICKET, shop, Optional.of(opened.id()));
    }

    private Optional<Ticket> ticket(ShopId shop, String ticketId) {
        try {
            return Optional.of(tickets.find(shop, ticketId));
        } catch (NotFound gone) {
            return Optional.empty();
        }
    }

    /** The agent is told when someone other than {@code customer} wrote, and when the sender's domain failed its checks. */
    private static MessageNotes notes(InboundDelivery delivery, List<StoredAttachment> kept, EmailAddress customer) {
        MailVerdicts v = delivery.verdicts();
        boolean unverified = v.dmarc() == Verdict.FAIL || (v.spf() == Verdict.FAIL && v.dkim() == Verdict.FAIL);
        EmailAddress from = delivery.message().from();
        return new MessageNotes(kept.size(), from.equals(customer) ? Optional.empty() : Optional.of(from), unverified);
    }

    /** The new text, or the whole when nothing new was told apart (the whole is kept beside the ticket either way). */
    private static String text(InboundMessage message) {
        return Limits.shortened(message.newText().isBlank() ? message.fullText() : message.newText(), Limits.MESSAGE_BYTES);
    }

    private static String subject(InboundMessage message) {
        String subject = message.subject() == null || message.subject().isBlank() ? text(message).strip().lines().findFirst().orElse("") : message.subject();
        return Limits.shortened(subject.isBlank() ? "(no subject)" : subject.strip(), Limits.SUBJECT_BYTES);
    }

    private void record(ShopId shop, InboundDelivery delivery, Subject on, EntryText text) {
        timeline.write(shop, new TimelineEntry(entryId(delivery.deliveryId()), on, clock.instant(), EntryKind.MAIL_RECEIVED, text, Optional.empty()),
                delivery.message().from().hash());
    }

    /** One entry per delivery: a delivery received again writes the same entry. */
    private static String entryId(String deliveryId) {
        return "mail-" + Sha256.shortHex(deliveryId.getBytes(StandardCharsets.UTF_8));
    }

    private static InboundOutcome outcome(Disposition disposition, Shop shop, Optional<String> ticketId) {
        return new InboundOutcome(disposition, Optional.of(shop.id()), ticketId);
    }
}
