package io.aftercare.domain.feedback;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.ticket.TicketStatus;
import io.aftercare.domain.timeline.TimelineReader;
import java.util.Optional;

/**
 * A low score is heard by a person within the SLA: it opens a ticket (the shop's priority rules apply), or, when the
 * customer has an open one, it is added to that ticket as a note. The ticket is Aftercare's, like a stuck return's:
 * the customer did not write, so nothing acknowledges it to them. A survey opens at most one ticket (its id is the
 * survey's), so a repeated click or a racing one finds the same.
 */
public final class LowScoreFollowUp {

    static final String AFTERCARE = "Aftercare";

    private final TicketService tickets;
    private final TimelineReader orders;

    public LowScoreFollowUp(TicketService tickets, TimelineReader orders) {
        this.tickets = tickets;
        this.orders = orders;
    }

    /**
     * A survey about a ticket (CSAT, whose ticket may name no order) was sent to that ticket's customer and is about it.
     *
     * @return the ticket that now carries the score
     */
    String open(Survey survey) {
        Optional<OrderState> order = survey.order().flatMap(id -> orders.order(survey.shop(), id));
        Optional<Ticket> about = survey.ticket().map(id -> tickets.find(survey.shop(), id));
        CustomerContact customer = about.map(Ticket::customer).or(() -> order.flatMap(OrderState::customer))
                .orElseThrow(() -> new IllegalStateException("survey " + survey.id() + " has no customer to follow up"));
        String orderName = order.flatMap(OrderState::snapshot).map(OrderSnapshot::name).orElse(survey.order().map(o -> o.value()).orElse("-"));
        String topic = about.map(t -> "ticket " + t.number()).orElse("order " + orderName);
        String said = said(survey, topic);
        Optional<Ticket> open = openTicketOf(survey.shop(), customer);
        if (open.isPresent()) {
            tickets.note(open.get(), AFTERCARE, said);
            return open.get().id();
        }
        String subject = survey.kind().name() + " " + survey.score().orElseThrow() + "/" + survey.kind().highest() + " after " + topic;
        return tickets.open(survey.shop(), new TicketService.NewTicket(customer, subject, said, survey.order(), Optional.empty(), false,
                Optional.of("survey-" + survey.id()), true), Optional.empty()).id();
    }

    /** Adds a comment given after the score to the ticket the score went to. */
    Survey commented(Survey survey) {
        String ticketId = survey.followUp().orElseThrow();
        tickets.note(tickets.find(survey.shop(), ticketId), AFTERCARE,
                "The customer commented on their " + survey.kind().name() + " score of " + survey.score().orElseThrow() + ": \""
                        + survey.comment().orElse("") + "\"");
        return survey;
    }

    /** @param topic what the survey asked about: {@code order #1042}, {@code ticket T-12} */
    private static String said(Survey survey, String topic) {
        return "Aftercare opened this ticket: the customer answered " + survey.score().orElseThrow() + "/" + survey.kind().highest()
                + " to the " + survey.kind().name() + " survey about " + topic
                + survey.comment().map(c -> ", and commented: \"" + c + "\"").orElse(", without a comment so far")
                + ". Reach out to them: a detractor heard from quickly often comes back.";
    }

    private Optional<Ticket> openTicketOf(ShopId shop, CustomerContact customer) {
        return orders.customer(shop, customer.email()).stream().flatMap(c -> c.tickets().stream())
                .filter(t -> active(t.status()))
                .findFirst()
                .map(t -> tickets.find(shop, t.id()));
    }

    private static boolean active(String status) {
        for (TicketStatus s : TicketStatus.values()) {
            if (s.slug().equals(status)) {
                return s.isActive();
            }
        }
        return false;
    }
}
