package io.aftercare.domain.email;

import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.shop.DiscountTemplate;
import io.aftercare.domain.shop.ShopSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One kind of email a customer gets, described once: the due action that sends it (whose slug names its templates,
 * its messages, its SES tag and its stored overrides; a post-purchase email's action kind is made here), when it is
 * due, what the customer can unsubscribe from, whether a shop may word it its own way, and the values and links it
 * carries (what its templates, and a shop's own, may show). The scheduler, the worker, the renderer and the template
 * API read it; README's table of values says the same (a test compares).
 * A new post-purchase email is a constant here, its two templates and its section in each message file.
 */
public enum EmailKind {
    THANK_YOU("thank-you", new EmailMoment.OnNewOrder(Duration.ofDays(2)), EmailCategory.TRANSACTIONAL, Carried.ORDER, Carried.DISCOUNT),
    CHECK_IN("check-in", new EmailMoment.AfterOrder(ShopSettings::checkInDelay), EmailCategory.FOLLOW_UPS, Carried.ORDER, Carried.SURVEY_LINK),
    SURVEY("survey", new EmailMoment.AfterDelivery(ShopSettings::surveyDelay, Duration.ofDays(14)), EmailCategory.SURVEYS,
            Carried.ORDER, Carried.SURVEY_LINK, Carried.SCORES),
    // a parcel held up, failed or silent: an apology in Aftercare's words, at once, whatever the customer unsubscribed from,
    // with the shop's goodwill code when its policy gives one (support.deliveryGoodwill)
    DELIVERY_PROBLEM(ActionKind.postPurchase("delivery-problem"), new EmailMoment.OnDeliveryProblem(Duration.ofDays(7)),
            EmailCategory.TRANSACTIONAL, false, Carried.ORDER, Carried.DISCOUNT),
    // a return's steps the customer waits to hear of, and the money back: in Aftercare's words, with the shop's instructions
    RETURN_REQUESTED(ActionKind.postPurchase("return-requested", ActionDetail.OfReturn.class),
            new EmailMoment.OnReturnStep(ReturnEvent.REQUESTED, Duration.ofDays(7)), EmailCategory.TRANSACTIONAL, false, Carried.ORDER),
    RETURN_APPROVED(ActionKind.postPurchase("return-approved", ActionDetail.OfReturn.class),
            new EmailMoment.OnReturnStep(ReturnEvent.APPROVED, Duration.ofDays(7)), EmailCategory.TRANSACTIONAL, false, Carried.ORDER),
    RETURN_DECLINED(ActionKind.postPurchase("return-declined", ActionDetail.OfReturn.class),
            new EmailMoment.OnReturnStep(ReturnEvent.DECLINED, Duration.ofDays(7)), EmailCategory.TRANSACTIONAL, false, Carried.ORDER),
    REFUND_ISSUED(ActionKind.postPurchase("refund-issued", ActionDetail.OfRefund.class), new EmailMoment.OnRefund(Duration.ofDays(7)),
            EmailCategory.TRANSACTIONAL, false, Carried.ORDER),
    // complaint emails keep Aftercare's wording: they carry the ticket's values (TicketEmailContent), none a shop's template sees
    TICKET_ACK(ActionKind.TICKET_ACK),
    TICKET_REPLY(ActionKind.TICKET_REPLY),
    GOODWILL(ActionKind.GOODWILL),
    /**
     * An unused thank-you code's reminder, scheduled with the code (never by an order's updates); the same kind, with
     * {@link DiscountCodes#EXPIRY} in its id, checks at the code's end whether it expired unused.
     */
    DISCOUNT_REMINDER("discount-reminder", new EmailMoment.Never(), EmailCategory.FOLLOW_UPS, Carried.ORDER, Carried.DISCOUNT),
    /** How easy was it (customer effort, 1-7): a day after a refund, or a return refunded; in Aftercare's words. */
    CES_SURVEY(ActionKind.postPurchase("ces-survey"), new EmailMoment.AfterRefund(Duration.ofDays(1), Duration.ofDays(7)),
            EmailCategory.SURVEYS, false, Carried.ORDER, Carried.SURVEY_LINK, Carried.SCORES),
    /**
     * How satisfied the customer is (CSAT, 1-5) with how their ticket was resolved: scheduled by the ticket when it is
     * resolved, about that resolution; in Aftercare's words.
     */
    CSAT_SURVEY(ActionKind.postPurchase("csat-survey", ActionDetail.Resolution.class), new EmailMoment.Never(), EmailCategory.SURVEYS, false,
            Carried.TICKET, Carried.SURVEY_LINK, Carried.SCORES);

    /**
     * A group of values an order's email carries, as its templates name them.
     *
     * @param variables what a template may print
     * @param sections what a template may open a section over ({@code {{#x}}...{{/x}}}, {@code {{^x}}...{{/x}}}), each with
     *                 the names its items add (a list's fields)
     */
    public enum Carried {
        /** Every order email: the customer, the order and the shop. */
        ORDER(Set.of("name", "order", "date", "product", "total", "replyTo", "brand"),
                Map.of("lines", Set.of("title", "quantity", "price"), "name", Set.of())),
        /** A ticket's email: the customer, the ticket's number and subject ({@code topic}), and the shop. */
        TICKET(Set.of("name", "ticket", "topic", "replyTo", "brand"), Map.of("name", Set.of())),
        /** The shop's thank-you discount, when it configured one. */
        DISCOUNT(Set.of("percent"), Map.of("discount", Set.of("code"))),
        /** The signed link to the one-question survey. */
        SURVEY_LINK(Set.of("surveyUrl"), Map.of("surveyUrl", Set.of())),
        /** A survey's scores as links, each answering it in one click (a kept survey's: see {@code SurveyInvitations}). */
        SCORES(Set.of(), Map.of("scores", Set.of("score", "url")));

        private final Set<String> variables;
        private final Map<String, Set<String>> sections;

        Carried(Set<String> variables, Map<String, Set<String>> sections) {
            this.variables = variables;
            this.sections = sections;
        }

        public Set<String> variables() {
            return variables;
        }

        public Map<String, Set<String>> sections() {
            return sections;
        }
    }

    private final ActionKind action;
    private final EmailMoment moment;
    private final EmailCategory category;
    private final boolean overridable;
    private final Set<Carried> carries;
    private final Set<String> variables;
    private final Map<String, Set<String>> sections;

    /** A post-purchase email: shops may word it their own way. */
    EmailKind(String slug, EmailMoment moment, EmailCategory category, Carried... carries) {
        this(ActionKind.postPurchase(slug), moment, category, true, carries);
    }

    /** A complaint ticket's email to the customer: transactional, scheduled by its ticket, in Aftercare's words. */
    EmailKind(ActionKind action) {
        this(action, new EmailMoment.Never(), EmailCategory.TRANSACTIONAL, false);
    }

    EmailKind(ActionKind action, EmailMoment moment, EmailCategory category, boolean overridable, Carried... carries) {
        this.action = action;
        this.moment = moment;
        this.category = category;
        this.overridable = overridable;
        this.carries = carries.length == 0 ? Set.of() : Set.copyOf(EnumSet.copyOf(List.of(carries)));
        Set<String> names = new TreeSet<>();
        Map<String, Set<String>> lists = new HashMap<>();
        for (Carried carried : carries) {
            names.addAll(carried.variables());
            lists.putAll(carried.sections());
        }
        this.variables = Set.copyOf(names);
        this.sections = Map.copyOf(lists);
    }

    /** The due action that sends it. */
    public ActionKind action() {
        return action;
    }

    /** When an order's updates make it due. */
    public EmailMoment moment() {
        return moment;
    }

    /** Stored, tagged and the name of its templates and messages: never changes. */
    public String slug() {
        return action.slug();
    }

    /** What a customer can unsubscribe from. */
    public EmailCategory category() {
        return category;
    }

    /** Transactional mail has no unsubscribe link and goes out whatever the customer unsubscribed from. */
    public boolean transactional() {
        return category == EmailCategory.TRANSACTIONAL;
    }

    /** Whether it asks about the refund itself, so a refunded or returned order does not stop it. */
    public boolean followsARefund() {
        return moment instanceof EmailMoment.AfterRefund;
    }

    /** Whether a shop may replace its subject and body with its own templates (which are then what is sent). */
    public boolean overridable() {
        return overridable;
    }

    public boolean carries(Carried carried) {
        return carries.contains(carried);
    }

    /**
     * The shop's discount this email makes a code of when it goes out: the thank-you's, or the delivery apology's
     * goodwill; none for the rest (a reminder names a code made before).
     */
    public Optional<DiscountTemplate> discountMade(ShopSettings settings) {
        return switch (this) {
            case THANK_YOU -> settings.thankYouDiscount();
            case DELIVERY_PROBLEM -> settings.support().deliveryGoodwill();
            default -> Optional.empty();
        };
    }

    /** The names its templates may print. */
    public Set<String> variables() {
        return variables;
    }

    /** The names its templates may open sections over, each with its items' fields. */
    public Map<String, Set<String>> sections() {
        return sections;
    }

    /** The kinds a shop may word its own way, in declaration order. */
    public static List<EmailKind> overridableKinds() {
        return Arrays.stream(values()).filter(EmailKind::overridable).toList();
    }

    /** The email a due action sends, if it sends one to the customer (staff notices are not customers' emails). */
    public static Optional<EmailKind> of(ActionKind action) {
        return Arrays.stream(values()).filter(k -> k.action == action).findFirst();
    }

    public static Optional<EmailKind> fromSlug(String slug) {
        return Arrays.stream(values()).filter(k -> k.slug().equals(slug)).findFirst();
    }
}
