package io.aftercare.domain.metrics;

import io.aftercare.domain.feedback.SurveyKind;
import java.util.Locale;

/** The names of a day's counters, in one place: the fold writes them, the report reads them. */
public final class Measure {

    public static final String ORDERS = "orders";
    public static final String RETURNING_ORDERS = "orders.returning";
    /** Customers whose first order of the day, of the ISO week, of the month this is. */
    public static final String CUSTOMERS_DAY = "customers.day";
    public static final String CUSTOMERS_WEEK = "customers.week";
    public static final String CUSTOMERS_MONTH = "customers.month";
    public static final String NEW_CUSTOMERS = "customers.new";
    /** On the day of a customer's first order: the cohort, and those of it who ordered again within 90 days. */
    public static final String COHORT = "cohort.customers";
    public static final String COHORT_REPEATERS = "cohort.repeaters";
    public static final String REFUNDS = "refunds";
    public static final String RETURNS = "returns";
    public static final String TICKETS_OPENED = "tickets.opened";
    public static final String TICKETS_RESOLVED = "tickets.resolved";
    public static final String TICKETS_REOPENED = "tickets.reopened";
    public static final String EMAILS_BOUNCED = "emails.bounced";
    public static final String EMAILS_COMPLAINED = "emails.complained";
    public static final String EMAILS_UNSUBSCRIBED = "emails.unsubscribed";
    /** Discount codes (issue 17): sent (their {@code DISCOUNT_ISSUED} entry), redeemed at a checkout, ended unused. */
    public static final String DISCOUNTS_ISSUED = "discounts.issued";
    public static final String DISCOUNTS_REDEEMED = "discounts.redeemed";
    public static final String DISCOUNTS_EXPIRED = "discounts.expired";
    /** Duration sketches: wall-clock and business time of first responses and of resolutions. */
    public static final String FIRST_RESPONSE_WALL = "first-response.wall";
    public static final String FIRST_RESPONSE_BUSINESS = "first-response.business";
    public static final String RESOLUTION_WALL = "resolution.wall";
    public static final String RESOLUTION_BUSINESS = "resolution.business";

    /** Delivery problems (a case per order), those where the shop spoke first, and the sketch of the time to first contact. */
    public static final String DELIVERY_PROBLEMS = "delivery.problems";
    public static final String DELIVERY_SPOKE_FIRST = "delivery.spoke-first";
    public static final String DELIVERY_FIRST_CONTACT = "delivery.first-contact";

    static final String ORDERS_IN = "orders.in.";
    static final String REVENUE = "revenue.";
    static final String REFUNDED = "refunded.";
    static final String SENT = "emails.sent.";
    static final String SKIPPED = "emails.skipped.";
    static final String ESCALATIONS = "escalations.";
    static final String SLA = "sla.";
    static final String SURVEY = "survey.";

    private Measure() {
    }

    /** Orders in one currency: what its average order value divides by. */
    public static String ordersIn(String currency) {
        return ORDERS_IN + currency;
    }

    public static String revenue(String currency) {
        return REVENUE + currency;
    }

    public static String refunded(String currency) {
        return REFUNDED + currency;
    }

    /** @param email an email kind's code ({@code SURVEY}, {@code THANK_YOU}), as its slug */
    public static String sent(String email) {
        return SENT + slug(email);
    }

    public static String skipped(String reason) {
        return SKIPPED + slug(reason);
    }

    public static String escalations(long level) {
        return ESCALATIONS + level;
    }

    /** @param outcome {@code met} or {@code breached} */
    public static String sla(String target, String outcome) {
        return SLA + target + "." + outcome;
    }

    /** @param what {@code answers}, a group ({@code promoter}, ...), {@code satisfied} or {@code sum} */
    public static String survey(SurveyKind kind, String what) {
        return SURVEY + kind.code() + "." + what;
    }

    static String slug(String code) {
        return code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
