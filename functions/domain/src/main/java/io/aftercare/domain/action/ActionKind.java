package io.aftercare.domain.action;

import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.Vocabulary;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a due action does when its time comes, and which runner does it. The slug is stored (action items, their ids,
 * SES tags, template keys): it never changes. A complaint ticket's kinds are the constants here; a post-purchase
 * email's kind is made by its {@code EmailKind}, which says everything else about it (this package cannot see that
 * one, so the lookup from a stored slug, which must know both, is {@code ActionCatalog}'s).
 */
public final class ActionKind {

    private static final Pattern SLUG = Pattern.compile("[a-z]+(-[a-z]+)*");

    public static final ActionKind TICKET_ACK = ticket("ticket-ack", null);
    public static final ActionKind SLA_WARNING = ticket("sla-warning", ActionDetail.SlaDeadline.class);
    public static final ActionKind SLA_BREACH = ticket("sla-breach", ActionDetail.SlaDeadline.class);
    public static final ActionKind ESCALATION = ticket("escalation", ActionDetail.Escalation.class);
    public static final ActionKind GOODWILL = ticket("goodwill", null);
    public static final ActionKind TICKET_REPLY = ticket("ticket-reply", ActionDetail.Reply.class);
    /** The members a note mentions, emailed a link to the ticket. */
    public static final ActionKind MENTION = ticket("mention", ActionDetail.Mention.class);

    /** The complaint tickets' kinds, run by the ticket runner. */
    public static final List<ActionKind> TICKET_KINDS = List.of(TICKET_ACK, SLA_WARNING, SLA_BREACH, ESCALATION, GOODWILL, TICKET_REPLY, MENTION);

    /** Where an order's returns stand, and whether one waits on the shop too long: at each step, and at its threshold. */
    public static final ActionKind RETURN_REVIEW = check("return-review");
    /** Whether a parcel had tracking news since it last had some, the shop's transit estimate ago. */
    public static final ActionKind PARCEL_WATCH = check("parcel-watch");
    /** A parcel's problem: opens the agents' ticket; once the parcel is delivered, resolves it. */
    public static final ActionKind DELIVERY_CASE = check("delivery-case");
    /** Whether a parcel was delivered by its estimated delivery date. */
    public static final ActionKind PARCEL_DUE = check("parcel-due");

    /** The checks on returns and parcels, run by the cases' runner: urgent, since a stuck case is the shop's to fix first. */
    public static final List<ActionKind> CASE_KINDS = List.of(RETURN_REVIEW, PARCEL_WATCH, DELIVERY_CASE, PARCEL_DUE);

    /** A privacy request's work: a customer's data exported or erased, or a shop's erased, batch by batch. */
    public static final ActionKind DATA_EXPORT = privacy("data-export");
    public static final ActionKind CUSTOMER_ERASURE = privacy("customer-erasure");
    public static final ActionKind SHOP_ERASURE = privacy("shop-erasure");

    /** The privacy requests' jobs, run by the privacy runner: urgent, since the platforms give a deadline (Shopify: 30 days). */
    public static final List<ActionKind> PRIVACY_KINDS = List.of(DATA_EXPORT, CUSTOMER_ERASURE, SHOP_ERASURE);

    /** A shop's weekly summary to its owners and managers: its numbers against the previous four weeks'. */
    public static final ActionKind WEEKLY_SUMMARY = new ActionKind("weekly-summary", Family.REPORT, ActionDetail.Week.class);

    /** The shop's reports to its people, run by the reports' runner: bulk, paced like the post-purchase emails. */
    public static final List<ActionKind> REPORT_KINDS = List.of(WEEKLY_SUMMARY);

    /** Which runner does it. */
    private enum Family { POST_PURCHASE, TICKET, CASE, PRIVACY, REPORT }

    private final String slug;
    private final Family family;
    private final Optional<Class<? extends ActionDetail>> detail;

    private ActionKind(String slug, Family family, Class<? extends ActionDetail> detail) {
        if (!SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("an action kind's slug is lower-case words joined by '-': " + slug);
        }
        this.slug = slug;
        this.family = family;
        this.detail = Optional.ofNullable(detail);
    }

    private static ActionKind ticket(String slug, Class<? extends ActionDetail> detail) {
        return new ActionKind(slug, Family.TICKET, detail);
    }

    private static ActionKind check(String slug) {
        return new ActionKind(slug, Family.CASE, null);
    }

    private static ActionKind privacy(String slug) {
        return new ActionKind(slug, Family.PRIVACY, ActionDetail.Privacy.class);
    }

    /** The kind of a post-purchase email's action: made once, by its {@code EmailKind}. */
    public static ActionKind postPurchase(String slug) {
        return postPurchase(slug, null);
    }

    /** The kind of a post-purchase email about one of several things of its order (a return, a refund), told by {@code detail}. */
    public static ActionKind postPurchase(String slug, Class<? extends ActionDetail> detail) {
        if (Stream.of(TICKET_KINDS, CASE_KINDS, PRIVACY_KINDS, REPORT_KINDS).flatMap(List::stream).anyMatch(k -> k.slug.equals(slug))) {
            throw new IllegalArgumentException(slug + " is a ticket's, a case's, a privacy request's or a report's action kind");
        }
        return new ActionKind(slug, Family.POST_PURCHASE, detail);
    }

    /** Whether the action belongs to a complaint ticket rather than to an order's post-purchase emails. */
    public boolean forTicket() {
        return family == Family.TICKET;
    }

    /** Whether it is a check on a return or a parcel ({@link #CASE_KINDS}). */
    public boolean forCase() {
        return family == Family.CASE;
    }

    /** Whether it is a privacy request's job ({@link #PRIVACY_KINDS}). */
    public boolean forPrivacy() {
        return family == Family.PRIVACY;
    }

    /** Whether it is a shop's report to its people ({@link #REPORT_KINDS}). */
    public boolean forReport() {
        return family == Family.REPORT;
    }

    /** Urgent for a ticket's, a case's and a privacy job's runner, bulk for post-purchase emails and reports: what decides the sweep's order and pacing. */
    public ActionClass actionClass() {
        return family == Family.TICKET || family == Family.CASE || family == Family.PRIVACY ? ActionClass.URGENT : ActionClass.BULK;
    }

    public String slug() {
        return slug;
    }

    /** The detail every action of this kind is scheduled with, if it has one: without it the action cannot run. */
    public Optional<Class<? extends ActionDetail>> detail() {
        return detail;
    }

    /** How timeline entries name it ({@code THANK_YOU} of the email vocabulary), worded per language. */
    public EntryParam.Code code() {
        return Vocabulary.EMAIL.code(slug.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActionKind kind && kind.slug.equals(slug);
    }

    @Override
    public int hashCode() {
        return slug.hashCode();
    }

    @Override
    public String toString() {
        return slug;
    }
}
