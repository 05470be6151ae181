package io.aftercare.domain.ticket;

import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionWorker.Result;
import io.aftercare.domain.action.ActionWorker.Runner;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.email.EmailDecision;
import io.aftercare.domain.email.EmailRenderer;
import io.aftercare.domain.email.SendStep;
import io.aftercare.domain.email.SurveyInvitations;
import io.aftercare.domain.email.TicketEmailContent;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.timeline.Vocabulary;
import java.util.List;
import java.util.Optional;

/**
 * A resolved ticket's satisfaction survey (CSAT), a day after the resolution it was scheduled with: it re-reads the
 * ticket, and goes out only if the ticket is still done with that resolution (reopened since, even if resolved again:
 * {@link Reason#TICKET_REOPENED}, the later resolution asks its own). It is sent through the {@link SendStep} every
 * customer's email ends in, with the ticket as its subject: the survey cap, the recipient's rules, its scores as
 * one-click links, and the ticket's assignee and order captured with the survey.
 */
public final class TicketSurveys implements Runner {

    private final SendStep step;
    private final TicketStore tickets;
    private final ShopCache shops;
    private final EmailRenderer renderer;

    public TicketSurveys(SendStep step, TicketStore tickets, ShopCache shops, EmailRenderer renderer) {
        this.step = step;
        this.tickets = tickets;
        this.shops = shops;
        this.renderer = renderer;
    }

    @Override
    public Result run(ClaimedAction action) {
        Optional<Shop> shop = shops.find(action.shop());
        if (shop.isEmpty()) {
            return step.skip(action, Reason.SHOP_GONE);
        }
        Optional<Ticket> ticket = tickets.find(action.shop(), action.subject().id());
        if (ticket.isEmpty()) {
            return step.skip(action, Reason.TICKET_GONE);
        }
        var resolution = action.detail(ActionDetail.Resolution.class);
        return step.send(action, shop.get(), ticket.get().customer(), decide(shop.get(), ticket.get(), resolution),
                new TicketLetter(action, shop.get(), ticket.get()));
    }

    /** What the ticket's state says now about the survey of {@code resolution}. */
    static EmailDecision decide(Shop shop, Ticket ticket, ActionDetail.Resolution resolution) {
        // a reopening clears the resolution's time and a new resolution sets its own: only this one's survey asks
        if (ticket.status().isActive() || !ticket.resolvedAt().equals(Optional.of(resolution.at()))) {
            return new EmailDecision.Skip(Reason.TICKET_REOPENED, Vocabulary.TICKET_STATUS, ticket.status());
        }
        if (!shop.settings().support().csatSurvey()) {
            return new EmailDecision.Skip(Reason.SURVEY_OFF);
        }
        return new EmailDecision.Send();
    }

    private final class TicketLetter implements SendStep.Letter {
        private final ClaimedAction action;
        private final Shop shop;
        private final Ticket ticket;

        TicketLetter(ClaimedAction action, Shop shop, Ticket ticket) {
            this.action = action;
            this.shop = shop;
            this.ticket = ticket;
        }

        @Override
        public SurveyInvitations.About about() {
            return new SurveyInvitations.About(ticket.order(), Optional.of(ticket.id()), ticket.assignee().map(a -> a.hash()), Optional.empty());
        }

        @Override
        public SendStep.Prepared prepare(Language language, SendStep.Links links) {
            var rendered = renderer.render(new TicketEmailContent(SendStep.kind(action), language, shop.settings(), ticket.customer().name(),
                    ticket.number(), ticket.subject(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                    links.unsubscribe(), links.survey(), links.scores()));
            return new SendStep.Prepared(rendered, List.of());
        }
    }
}
