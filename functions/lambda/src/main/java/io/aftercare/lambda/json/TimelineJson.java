package io.aftercare.lambda.json;

import io.aftercare.domain.order.ReturnLife;
import io.aftercare.domain.Money;
import io.aftercare.domain.Page;
import io.aftercare.domain.customer.CustomerSummary;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.Milestone;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.email.TimelineWording;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The agent API's views of orders, customers and timelines. */
public final class TimelineJson {

    private TimelineJson() {
    }

    /**
     * {@code summary} is worded in the reader's language; {@code phrase} and {@code params} say the same for a console to
     * word itself (both absent for an entry stored before phrases, whose summary is the one stored then).
     */
    public record EntryView(String id, String subject, String subjectId, String at, String kind, String summary, String phrase,
                            Map<String, Object> params, String deliveryId) {
    }

    /** A moment and the zone it was said in. */
    public record MomentView(String at, String zone) {
    }

    /** How a page of entries is worded. */
    public record Wording(TimelineWording words, Language language) {
    }

    public record PageView<T>(List<T> items, String nextPageToken) {
    }

    public record MoneyView(String amount, String currency) {
    }

    public record LineView(String title, int quantity, MoneyView unitPrice) {
    }

    public record ContactView(String email, String name, String locale) {
    }

    /** {@code total} is what the customer paid, in their currency; {@code shopTotal} the same in the shop's. */
    public record OrderView(String id, String name, String status, Map<String, String> milestones, MoneyView total,
                            MoneyView shopTotal, MoneyView refunded, List<ReturnView> returns, List<LineView> lines, ContactView customer, String sourceTime) {
    }

    /** A return and the latest thing that happened to it. */
    public record ReturnView(String id, String status, String state, String at) {
    }

    /**
     * @param orders the newest {@value CustomerSummary#PANEL_ORDERS}, newest first
     * @param lifetimeSpend per currency, what those orders came to less their refunds (cancelled orders count nothing)
     * @param surveys the surveys sent to the customer, the latest sent first
     */
    public record CustomerView(ContactView contact, int orderCount, String firstOrderAt, String lastOrderAt, List<MoneyView> totalSpent,
                               List<OrderView> orders, List<TicketLinkView> tickets, List<MoneyView> lifetimeSpend, List<SurveyView> surveys) {
    }

    /**
     * @param score null while unanswered
     * @param at when it was answered (last changed), or sent while unanswered
     * @param ticket the ticket it was about, or the one its low score went to
     */
    public record SurveyView(String kind, Integer score, String comment, String at, String order, String ticket) {
    }

    public record TicketLinkView(String id, String number, String subject, String status, String createdAt) {
    }

    public static PageView<EntryView> page(Page<TimelineEntry> page, Wording wording) {
        return pageOf(page.map(e -> entry(e, wording)));
    }

    public static <T> PageView<T> pageOf(Page<T> page) {
        return new PageView<>(page.items(), page.nextPageToken().orElse(null));
    }

    private static EntryView entry(TimelineEntry e, Wording wording) {
        String summary = wording.words().summary(e.text(), wording.language());
        String phrase = null;
        Map<String, Object> params = null;
        if (e.text() instanceof EntryText.Phrased phrased) {
            phrase = phrased.phrase().slug();
            params = new TreeMap<>();
            for (var param : phrased.params().entrySet()) {
                params.put(param.getKey(), param(param.getValue()));
            }
        }
        return new EntryView(e.id(), e.subject().type().label(), e.subject().id(), e.at().toString(), e.kind().label(),
                summary, phrase, params, e.deliveryId().orElse(null));
    }

    /** Machine-readable: a code as stored ({@code REJECTED}), an amount as {@code {amount, currency}}, a flag as {@code true}. */
    private static Object param(EntryParam param) {
        return switch (param) {
            case EntryParam.Text text -> text.value();
            case EntryParam.Code code -> code.value();
            case EntryParam.Amount amount -> money(amount.money());
            case EntryParam.Moment moment -> new MomentView(moment.at().toString(), moment.zone().getId());
            case EntryParam.Count count -> count.value();
            case EntryParam.Flag flag -> true;
        };
    }

    public static OrderView order(OrderState order) {
        Map<String, String> milestones = new TreeMap<>();
        order.milestones().forEach((m, at) -> milestones.put(label(m), at.toString()));
        String currency = order.total().map(Money::currency).orElse(Money.UNKNOWN_CURRENCY);
        return new OrderView(order.orderId().value(),
                order.snapshot().map(s -> s.name()).orElse(null),
                order.status().label(),
                milestones,
                order.total().map(TimelineJson::money).orElse(null),
                order.snapshot().map(snapshot -> money(snapshot.shopTotal())).orElse(null),
                money(new Money(order.refundedAmount(), currency)),
                order.returns().stream().map(r -> new ReturnView(r.returnId(), r.latest().label(), ReturnLife.of(r).state().label(), r.at().toString())).toList(),
                order.snapshot().map(s -> s.lines().stream()
                        .map(l -> new LineView(l.title(), l.quantity(), money(l.unitPrice()))).toList()).orElse(List.of()),
                order.customer().map(TimelineJson::contact).orElse(null),
                order.sourceTime().map(Instant::toString).orElse(null));
    }

    /** @param orders the states of the customer's newest orders */
    public static CustomerView customer(CustomerSummary customer, List<OrderState> orders) {
        return new CustomerView(contact(customer.contact()), customer.orderCount(),
                customer.firstOrderAt().map(Instant::toString).orElse(null),
                customer.lastOrderAt().map(Instant::toString).orElse(null),
                customer.totalSpent().stream().map(TimelineJson::money).toList(),
                orders.stream().map(TimelineJson::order).toList(),
                customer.tickets().stream().map(t -> new TicketLinkView(t.id(), t.number(), t.subject(), t.status(), t.createdAt().toString())).toList(),
                CustomerSummary.lifetimeSpend(orders).stream().map(TimelineJson::money).toList(),
                customer.surveys().stream().map(s -> new SurveyView(s.kind(), s.score().orElse(null), s.comment().orElse(null), s.at().toString(),
                        s.order().orElse(null), s.ticket().orElse(null))).toList());
    }

    public static ContactView contact(CustomerContact c) {
        return new ContactView(c.email().value(), c.name().orElse(null), c.locale().orElse(null));
    }

    private static MoneyView money(Money m) {
        return new MoneyView(m.amount().toPlainString(), m.currency());
    }

    private static String label(Milestone m) {
        return m.name().toLowerCase(Locale.ROOT);
    }
}
