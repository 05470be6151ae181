package io.aftercare.domain.ticket;

import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.EmailRenderer;
import io.aftercare.domain.email.EmailSender;
import io.aftercare.domain.email.EmailTags;
import io.aftercare.domain.email.EmailThread;
import io.aftercare.domain.email.OutgoingEmail;
import io.aftercare.domain.email.TicketEmailContent;
import io.aftercare.domain.email.Threading;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.timeline.Subject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The customer's emails about their complaint: rendered in their language, sent from the shop, answered to its reply address ({@link Threading}). */
public final class TicketEmails implements TicketMailer {

    private final EmailRenderer renderer;
    private final EmailSender sender;
    private final Threading threading;

    public TicketEmails(EmailRenderer renderer, EmailSender sender, Threading threading) {
        this.renderer = renderer;
        this.sender = sender;
        this.threading = threading;
    }

    @Override
    public EmailThread thread(Shop shop, Ticket ticket) {
        return threading.thread(shop, Subject.ticket(ticket.id()));
    }

    @Override
    public String acknowledge(Shop shop, Ticket ticket, Instant answerBy, EmailThread thread) {
        return send(shop, ticket, EmailKind.TICKET_ACK, Optional.of(answerBy), Optional.empty(), Optional.empty(), 0, thread);
    }

    @Override
    public String reply(Shop shop, Ticket ticket, String message, EmailThread thread) {
        return send(shop, ticket, EmailKind.TICKET_REPLY, Optional.empty(), Optional.of(message), Optional.empty(), 0, thread);
    }

    @Override
    public String goodwill(Shop shop, Ticket ticket, Optional<String> code, int percent, EmailThread thread) {
        return send(shop, ticket, EmailKind.GOODWILL, Optional.empty(), Optional.empty(), code, percent, thread);
    }

    private String send(Shop shop, Ticket ticket, EmailKind kind, Optional<Instant> answerBy, Optional<String> message,
                        Optional<String> code, int percent, EmailThread thread) {
        Language language = ticket.customer().locale().flatMap(Language::fromLocale).orElse(shop.settings().defaultLanguage());
        var rendered = renderer.render(new TicketEmailContent(kind, language, shop.settings(), ticket.customer().name(), ticket.number(),
                ticket.subject(), answerBy, message, code, percent));
        return sender.send(new OutgoingEmail(shop.settings().brandName(), shop.settings().senderEmail(),
                thread.replyTo(),
                ticket.customer().email(), rendered.subject(), rendered.html(), rendered.text(), Map.of(),
                EmailTags.ofTicket(shop.id(), ticket.id())));
    }
}
