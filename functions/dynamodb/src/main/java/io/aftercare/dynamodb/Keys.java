package io.aftercare.dynamodb;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.Sha256;
import io.aftercare.domain.action.ActionClass;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionRef;
import io.aftercare.domain.discount.CheckoutCodes;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.ticket.QueueView;
import io.aftercare.domain.timeline.Subject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every key of the single table is built here, and only here. Everything a shop owns lives under partitions
 * starting {@code SHOP#<shop>#}, so no query can reach another shop's data. The shapes are pinned by a test.
 *
 * <pre>
 * shop settings      SHOP#{shop}                        SETTINGS          GSI1: SHOPS / SHOP#{shop}
 * shop's template    SHOP#{shop}                        TEMPLATE#{kind}#{language}
 * order              SHOP#{shop}#ORDER#{id}             ORDER             recentDeliveries: the dedupe markers of the last deliveries about it
 * order's refund     SHOP#{shop}#ORDER#{id}             REFUND#{refund id}
 * customer profile   SHOP#{shop}#CUSTOMER#{email hash}  PROFILE
 * customer's order   SHOP#{shop}#CUSTOMER#{email hash}  ORDER#{id}
 * customer's ticket  SHOP#{shop}#CUSTOMER#{email hash}  TICKET#{id}       number, subject, status: rewritten by every change of the ticket
 * timeline entry     SHOP#{shop}#{TYPE}#{id}            EVENT#{entry id}  ByTime (tickets' and the shop's only): {time}#{entry id}
 *                                                                          GSI1: SHOP#{shop}#CUSTOMER#{hash} / {time}#{type}#{id}#{entry id}
 * due action         SHOP#{shop}#ACTION#{id}            ACTION            Due: DUE#{class}#{yyyy-MM-ddTHH}#{shard} / {time}#{shop}#{id}
 *                    (while claimed, its Due entry moves to the lease's end, so an abandoned claim comes due again)
 * suppression        SHOP#{shop}#CUSTOMER#{email hash}  SUPPRESSION
 * customer's survey  SHOP#{shop}#CUSTOMER#{email hash}  SURVEY#{survey id}  kind, order, ticket, agent, team as sent; sentAt, score,
 *                                                                          comment, answeredAt, changedAt, followUp, version
 * ticket             SHOP#{shop}#TICKET#{id}            TICKET            GSI1 while open: SHOP#{shop}#TICKETS / {next breach}#{id}
 * ticket's queue row SHOP#{shop}#TICKET#{id}            QUEUE#ASSIGNEE    a copy of the ticket, GSI1 while open: SHOP#{shop}#TICKETS#ASSIGNEE#{email hash}
 *                                                                            (or #UNASSIGNED) / {next breach}#{id}
 *                    SHOP#{shop}#TICKET#{id}            QUEUE#STATE       a copy, while pending or breached: GSI1 SHOP#{shop}#TICKETS#{PENDING|BREACHED} / the same
 * ticket's reply     SHOP#{shop}#TICKET#{id}            REPLY#{version replied to}  the whole text, for its email
 * ticket numbers     SHOP#{shop}                        COUNTER#TICKETS
 * search term        SHOP#{shop}#SEARCH                 {name|order|ticket}:{term}#{CUSTOMER|ORDER|TICKET}#{id}  what a hit shows
 * sweep cursor       SWEEP                              CURSOR            the oldest hour that may still hold due work, the most shards used
 * (never written)    PRIMING                            PRIMING           read before a SnapStart snapshot, to warm the SDK's request path
 * delivery dedupe    SHOP#{shop}#DELIVERY#{platform:id} DELIVERY          of a delivery about no order (before 2026-12-03: of every one); TTL
 * return pointer     SHOP#{shop}#RETURN_REF#{return:id|rfo:id}  RETURN    orderId, returnId: where a return the platform names
 *                                                                          without its order is kept
 * discount access    SHOP#{shop}                        DISCOUNT_ACCESS   the shop's API host and credentials (secrets)
 * action's discount  SHOP#{shop}#ACTION#{id}            DISCOUNT          the code issued for that action, or why none
 * issued code        SHOP#{shop}#DISCOUNT#{CODE}        DISCOUNT          where it was sent, and the order that redeemed it
 * pool: free code    SHOP#{shop}#POOL                   FREE#{CODE}       the code as uploaded (the key upper-cased)
 * pool: taken code   SHOP#{shop}#POOL                   TAKEN#{CODE}      the action it went to
 * pool: an action's  SHOP#{shop}#POOL                   ACTION#{id}       the code it got (one per action)
 * pool: count        SHOP#{shop}#POOL                   COUNT             free codes left
 * member             SHOP#{shop}                        MEMBER#{email hash}  GSI1: PERSON#{email hash} / SHOP#{shop}
 * API token          SHOP#{shop}                        TOKEN#{id}        the secret's SHA-256, never the secret
 * shop's audit trail SHOP#{shop}#SHOP#{shop}            EVENT#{entry id}  (a timeline entry)
 * sign-in link       SIGNIN#{link hash}                 LINK              TTL 15 minutes
 * session            SESSION#{session hash}             SESSION           TTL 12 hours
 * rate counter       RATE#{what}#{window}               RATE              TTL the window's end
 * counted once       RATE#{what}#{window}               ONCE#{id hash}    the count one message got (a retry counts nothing); TTL the window's end
 * second factor      PERSON#{email hash}                TOTP              secret, last step used, recovery code hashes
 * preferences        PERSON#{email hash}                PREFERENCES       the console's language and time zone
 * shop's access rule SHOP#{shop}                        ACCESS            requireSecondFactor
 * saved reply        SHOP#{shop}                        SAVED_REPLY#{id}  title, body
 * presence           SHOP#{shop}#PRESENCE               {ticket}#{caller hash}  holder, who, activity, at; TTL 5 minutes, read for 30 s
 * day's metrics      SHOP#{shop}#METRICS                DAY#{yyyy-mm-dd}  counters and sketch bins of the day in the shop's zone (only ADDed to)
 * month's metrics    SHOP#{shop}#METRICS                MONTH#{yyyy-mm}   the sum of its days, ADDed to with them (a report by month reads 12 items, not 365)
 * month rollups from SHOP#{shop}#METRICS                ROLLUPS           from: the first month whose MONTH# item holds all its days (absent: all do)
 * return counted     {the changed item's PK}            COUNTED#{once}    a contribution that counts once per partition (a return's opening);
 *                                                                          older deployments' per-change markers carry a 7-day TTL and expire
 * stream cursor      STREAM#{shard id}                  CURSOR            sequence: the last stream record of the shard the aggregator folded; TTL 4 days
 * customer metrics   SHOP#{shop}#CUSTOMER#{email hash}  METRICS           orders, first and last order, repeated, experiences; version
 * delivery metrics   SHOP#{shop}#ORDER#{id}             METRICS           a delivery problem's start, first contact, customer's first message; version
 * reply code         SHOP#{shop}#THREAD                 CODE#{code}       what a reply address's code names (type, id), kept before the email goes
 * sent email's id    SHOP#{shop}#THREAD                 MESSAGE#{ses id}  what the email SES named so was about (type, id)
 * inbound delivery   INBOUND#{SES message id}           DELIVERY          held until a lease's end, then what receiving it did; TTL 30 days
 *                    (global: which shop it is for is read from the message it names)
 * received email     {the timeline partition of what it went to}  MAIL#{sender's email hash}#{delivery hash}  the message whole: texts,
 *                                                                          sender, attachments, verdicts
 * data export        SHOP#{shop}#CUSTOMER#{email hash}  EXPORT#{request}#{part}  a privacy request's copy of the customer's data, in parts
 * erased suppression SHOP#{shop}#ERASED#{keyed hash}    SUPPRESSION       an erased customer's bounce or complaint, by an HMAC of the address
 * shop erasure       ERASURE#{shop}                     CURSOR            how far the shop's erasure has scanned (outside the shop, which it deletes)
 * </pre>
 */
public final class Keys {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1_PK = "GSI1PK";
    public static final String GSI1_SK = "GSI1SK";
    public static final String BY_TIME_SK = "LSI1SK";
    public static final String DUE_PK = "DUEPK";
    public static final String DUE_SK = "DUESK";
    public static final String TYPE = "type";
    public static final String EXPIRES_AT = "expiresAt";

    /** DynamoDB's limits on a key attribute's value, in UTF-8 bytes (of a table's keys and of its indexes' keys alike). */
    static final int MAX_PARTITION_KEY_BYTES = 2_048;
    static final int MAX_SORT_KEY_BYTES = 1_024;
    static final Set<String> PARTITION_KEYS = Set.of(PK, GSI1_PK, DUE_PK);

    /** Local index on a partition's timeline entries by time. */
    public static final String INDEX_BY_TIME = "ByTime";
    /** Overloaded global index: customers' timelines, and the list of shops. */
    public static final String INDEX_GSI1 = "GSI1";
    /** Sparse global index of due actions by class, due hour and shard. */
    public static final String INDEX_DUE = "Due";

    static final String SHOP_PREFIX = "SHOP#";
    static final String SETTINGS = "SETTINGS";
    static final String SHOPS = "SHOPS";
    static final String ORDER = "ORDER";
    static final String PROFILE = "PROFILE";
    public static final String ACTION = "ACTION";
    static final String SUPPRESSION = "SUPPRESSION";
    static final String SWEEP = "SWEEP";
    static final String CURSOR = "CURSOR";
    static final String PRIMING = "PRIMING";
    static final String DELIVERY = "DELIVERY";
    static final String EVENT_PREFIX = "EVENT#";
    static final String ORDER_PREFIX = "ORDER#";
    static final String CUSTOMER_TICKET_PREFIX = "TICKET#";
    static final String CUSTOMER_SURVEY_PREFIX = "SURVEY#";
    static final String REFUND_PREFIX = "REFUND#";
    static final String RETURN_PREFIX = "RETURN#";
    static final String TEMPLATE_PREFIX = "TEMPLATE#";
    static final String TICKET = "TICKET";
    static final String TICKET_COUNTER = "COUNTER#TICKETS";
    /** A ticket's copies that put it in its assignee's (or nobody's) queue, and in the pending or breached one. */
    static final String TICKET_ASSIGNEE_ROW = "QUEUE#ASSIGNEE";
    static final String TICKET_STATE_ROW = "QUEUE#STATE";
    static final String TICKET_ROW_PREFIX = "QUEUE#";
    static final String REPLY_PREFIX = "REPLY#";
    static final String DISCOUNT_ACCESS = "DISCOUNT_ACCESS";
    static final String DISCOUNT = "DISCOUNT";
    static final String POOL_FREE_PREFIX = "FREE#";
    static final String POOL_TAKEN_PREFIX = "TAKEN#";
    static final String POOL_ACTION_PREFIX = "ACTION#";
    static final String POOL_COUNT = "COUNT";

    // Fixed width, so that text order is time order (Instant.toString drops zero fractions and breaks that).
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private Keys() {
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    public static Instant parseTime(String text) {
        return Instant.parse(text);
    }

    static String shop(ShopId shop) {
        return SHOP_PREFIX + shop.value();
    }

    /** How every partition a shop owns starts. */
    static String owned(ShopId shop) {
        return shop(shop) + "#";
    }

    /** The shop owning a partition {@link #owned} began, read back (a shop id holds no {@code #}). */
    static Optional<ShopId> ownerOf(String partition) {
        if (!partition.startsWith(SHOP_PREFIX)) {
            return Optional.empty();
        }
        int end = partition.indexOf('#', SHOP_PREFIX.length());
        String id = end < 0 ? "" : partition.substring(SHOP_PREFIX.length(), end);
        return ShopId.isValid(id) ? Optional.of(new ShopId(id)) : Optional.empty();
    }

    static String template(ActionKind kind, Language language) {
        return TEMPLATE_PREFIX + kind.slug() + "#" + language.code();
    }

    static String ticket(ShopId shop, String ticketId) {
        return subject(shop, Subject.ticket(ticketId));
    }

    /** The key of a ticket's own item (beside it in its partition: its replies, its queue row). */
    static Map<String, AttributeValue> ticketItem(ShopId shop, String ticketId) {
        return key(ticket(shop, ticketId), TICKET);
    }

    /** How the partition key of every ticket of a shop starts. */
    static String tickets(ShopId shop) {
        return owned(shop) + Subject.Type.TICKET.name() + "#";
    }

    static String ticketReply(long number) {
        return REPLY_PREFIX + number;
    }

    /** The agents' queue: a shop's open and pending tickets, by their nearest breach. */
    static String ticketQueue(ShopId shop) {
        return shop(shop) + "#TICKETS";
    }

    /** The queue's partition of one assignee's tickets, or of the unassigned ones. */
    static String assigneeQueue(ShopId shop, Optional<EmailAddress> assignee) {
        return ticketQueue(shop) + assignee.map(a -> "#ASSIGNEE#" + a.hash()).orElse("#UNASSIGNED");
    }

    /** The queue's partition of pending, or of breached, tickets. */
    static String stateQueue(ShopId shop, QueueView state) {
        return ticketQueue(shop) + "#" + state.name();
    }

    static String ticketQueueSort(Optional<Instant> nextBreach, String ticketId) {
        // "~" sorts after every time: tickets with no running clock (pending) come last.
        return nextBreach.map(Keys::time).orElse("~") + "#" + ticketId;
    }

    static String shopListSort(ShopId shop) {
        return "SHOP#" + shop.value();
    }

    static String order(ShopId shop, OrderId order) {
        return subject(shop, Subject.order(order));
    }

    static String customer(ShopId shop, EmailAddress customer) {
        return subject(shop, Subject.customer(customer));
    }

    static String customerByHash(ShopId shop, String emailHash) {
        return subject(shop, Subject.customerByHash(emailHash));
    }

    static String customerTicket(String ticketId) {
        return CUSTOMER_TICKET_PREFIX + ticketId;
    }

    /** A survey sent to the customer: its id is the sending action's. */
    static String customerSurvey(String surveyId) {
        return CUSTOMER_SURVEY_PREFIX + surveyId;
    }

    static String refund(String refundId) {
        return REFUND_PREFIX + refundId;
    }

    static String returnOf(String returnId) {
        return RETURN_PREFIX + returnId;
    }

    static String customerOrder(OrderId order) {
        return ORDER_PREFIX + order.value();
    }

    static String subject(ShopId shop, Subject subject) {
        return owned(shop) + subject.type().name() + "#" + subject.id();
    }

    static String entry(String entryId) {
        return EVENT_PREFIX + entryId;
    }

    /** An entry's place in its timeline, newest first when read backwards: the ByTime key, and a sorted read's page token. */
    static String entryByTime(Instant at, String entryId) {
        return time(at) + "#" + entryId;
    }

    /**
     * Whether a subject's entries carry the ByTime key: only those of the timelines read through it, a ticket's and the
     * shop's, which grow without bound. An order's and a return's hold tens of entries and are sorted as they are read
     * ({@link SortedTimeline}); a customer's own entries are read through GSI1.
     */
    static boolean indexedByTime(Subject.Type type) {
        return type == Subject.Type.TICKET || type == Subject.Type.SHOP;
    }

    static String entryByCustomer(Instant at, Subject subject, String entryId) {
        return time(at) + "#" + subject.type().name() + "#" + subject.id() + "#" + entryId;
    }

    public static String action(ShopId shop, String actionId) {
        return shop(shop) + "#ACTION#" + actionId;
    }

    /** The key of a due action's item. */
    static Map<String, AttributeValue> actionItem(ShopId shop, String actionId) {
        return key(action(shop, actionId), ACTION);
    }

    /**
     * The due index's partition for an action due (or claimed until) {@code due}: its class, the hour, and one of
     * {@code shards} partitions of that hour, picked from the action's key so that it is always the same one.
     */
    public static String dueBucket(ShopId shop, String actionId, ActionClass actionClass, Instant due, int shards) {
        return dueBucket(actionClass, due, Math.floorMod(action(shop, actionId).hashCode(), shards));
    }

    /** {@code DUE#urgent#2026-11-23T09#3}. */
    static String dueBucket(ActionClass actionClass, Instant hour, int shard) {
        return "DUE#" + actionClass.code() + "#" + HOUR.format(hour) + "#" + shard;
    }

    /** The hour's plain partition (the only one before classes and shards): the sweep moves its entries to their shards. */
    static String legacyDueBucket(Instant hour) {
        return "DUE#" + HOUR.format(hour);
    }

    /** The time a due-index sort key starts with. */
    static Instant dueTime(String dueSort) {
        return Instant.parse(dueSort.substring(0, dueSort.indexOf('#')));
    }

    /**
     * The upper bound of a query, on sort keys that start with a time, for everything at or before {@code at} (the due
     * index, the ticket queue; {@code $} sorts right after {@code #}).
     */
    static String upTo(Instant at) {
        return time(at) + "$";
    }

    /** The action a due-index entry points at, read back from its partition key. */
    static ActionRef actionRef(String actionPk) {
        String rest = actionPk.substring("SHOP#".length());
        int split = rest.indexOf("#ACTION#");
        return new ActionRef(new ShopId(rest.substring(0, split)), rest.substring(split + "#ACTION#".length()));
    }

    static String dueSort(Instant due, ShopId shop, String actionId) {
        return time(due) + "#" + shop.value() + "#" + actionId;
    }

    /** Codes are matched regardless of case, as the platforms match them at checkout. */
    static String issuedCode(ShopId shop, String code) {
        return owned(shop) + "DISCOUNT#" + CheckoutCodes.checkoutForm(code);
    }

    static String search(ShopId shop) {
        return owned(shop) + "SEARCH";
    }

    /** {@code name:ola nowak#CUSTOMER#{hash}}: found by a prefix of {@code name:} and the term. */
    static String searchTerm(String field, String term, Subject.Type kind, String id) {
        return searchPrefix(field, term) + "#" + kind.name() + "#" + id;
    }

    static String searchPrefix(String field, String term) {
        return field + ":" + term;
    }

    static String pool(ShopId shop) {
        return owned(shop) + "POOL";
    }

    /** Upper-cased like {@link #issuedCode}: two codes that differ only in case are one code at checkout. */
    static String poolFree(String code) {
        return POOL_FREE_PREFIX + CheckoutCodes.checkoutForm(code);
    }

    static String poolTaken(String code) {
        return POOL_TAKEN_PREFIX + CheckoutCodes.checkoutForm(code);
    }

    /** Where a code uploaded before pool keys were upper-cased (2026-12-01) is, free or taken: still read, never written. */
    static List<String> poolAsUploaded(String code) {
        return code.equals(CheckoutCodes.checkoutForm(code)) ? List.of() : List.of(POOL_FREE_PREFIX + code, POOL_TAKEN_PREFIX + code);
    }

    static final String RETURN = "RETURN";

    /** A pointer from a platform's name for a return (or a part of it) to the order's return it names. */
    static String returnReference(ShopId shop, ReturnReference reference) {
        return shop(shop) + "#RETURN_REF#" + reference.key();
    }

    /** Exactly as the platform sent it: ids that differ only in case are different deliveries. */
    static String delivery(ShopId shop, String deliveryKey) {
        return shop(shop) + "#DELIVERY#" + deliveryKey;
    }

    static final String SAVED_REPLY_PREFIX = "SAVED_REPLY#";

    static String savedReply(String id) {
        return SAVED_REPLY_PREFIX + id;
    }

    static final String MEMBER_PREFIX = "MEMBER#";
    static final String TOKEN_PREFIX = "TOKEN#";

    /** @param memberId the hash of the member's address */
    static String member(String memberId) {
        return MEMBER_PREFIX + memberId;
    }

    /** A person's memberships across shops (GSI1). */
    static String person(EmailAddress email) {
        return "PERSON#" + email.hash();
    }

    static String apiToken(String id) {
        return TOKEN_PREFIX + id;
    }

    static Map<String, AttributeValue> signInLink(String hash) {
        return key("SIGNIN#" + hash, "LINK");
    }

    static Map<String, AttributeValue> session(String hash) {
        return key("SESSION#" + hash, "SESSION");
    }

    static Map<String, AttributeValue> secondFactor(EmailAddress email) {
        return key(person(email), "TOTP");
    }

    static Map<String, AttributeValue> preferences(EmailAddress email) {
        return key(person(email), "PREFERENCES");
    }

    static Map<String, AttributeValue> accessRule(ShopId shop) {
        return key(shop(shop), "ACCESS");
    }

    static String thread(ShopId shop) {
        return owned(shop) + "THREAD";
    }

    static Map<String, AttributeValue> replyCode(ShopId shop, String code) {
        return key(thread(shop), "CODE#" + code);
    }

    static Map<String, AttributeValue> sentMessage(ShopId shop, String messageId) {
        return key(thread(shop), "MESSAGE#" + messageId);
    }

    static Map<String, AttributeValue> inboundDelivery(String deliveryId) {
        return key("INBOUND#" + deliveryId, DELIVERY);
    }


    /** Hashed: the delivery id is SES's, and a key holds only what Aftercare shaped. */
    static final String RECEIVED_MAIL_PREFIX = "MAIL#";

    /** The sender's hash first: a customer's erasure finds their mail refused on the shop's own trail without a scan. */
    static Map<String, AttributeValue> receivedMail(ShopId shop, Subject on, String senderHash, String deliveryId) {
        return key(subject(shop, on), receivedMailFrom(senderHash) + Sha256.shortHex(deliveryId.getBytes(StandardCharsets.UTF_8)));
    }

    static String receivedMailFrom(String senderHash) {
        return RECEIVED_MAIL_PREFIX + senderHash + "#";
    }

    /** One sender's messages to one shop in the hour ending at {@code hourEnd} (a rate counter). */
    static String inboundSenderCount(ShopId shop, String senderHash, Instant hourEnd) {
        return "inbound#" + shop.value() + "#" + senderHash + "#" + HOUR.format(hourEnd);
    }

    static Map<String, AttributeValue> rateCounter(String counter) {
        return key("RATE#" + counter, "RATE");
    }

    /** What counting {@code once} in the counter's window gave it: hashed, as {@code once} is someone else's id. */
    static Map<String, AttributeValue> rateCounted(String counter, String once) {
        return key("RATE#" + counter, "ONCE#" + Sha256.shortHex(once.getBytes(StandardCharsets.UTF_8)));
    }

    /** A shop's presence heartbeats, in a partition of their own so that one query reads them all. */
    static String presencePartition(ShopId shop) {
        return owned(shop) + "PRESENCE";
    }

    /** @param holder the caller's identity (never two alike); hashed, so no name is in a key */
    static Map<String, AttributeValue> presence(ShopId shop, String ticketId, String holder) {
        return key(presencePartition(shop), ticketId + "#" + Sha256.shortHex(holder.getBytes(StandardCharsets.UTF_8)));
    }

    static final String METRICS_DAY_PREFIX = "DAY#";

    /** A shop's daily metrics, in one partition so that a year of them is one query. */
    static String metrics(ShopId shop) {
        return owned(shop) + "METRICS";
    }

    static String metricsDay(java.time.LocalDate day) {
        return METRICS_DAY_PREFIX + day;
    }

    static final String METRICS_MONTH_PREFIX = "MONTH#";

    static String metricsMonth(java.time.YearMonth month) {
        return METRICS_MONTH_PREFIX + month;
    }

    static java.time.YearMonth metricsMonthOf(Map<String, AttributeValue> item) {
        return java.time.YearMonth.parse(item.get(SK).s().substring(METRICS_MONTH_PREFIX.length()));
    }

    /** Written for a shop whose days were kept before month rollups were: which months may be read from them. */
    static Map<String, AttributeValue> metricsRollups(ShopId shop) {
        return key(metrics(shop), "ROLLUPS");
    }

    /** The day a day item's sort key names (the key is where the day is kept, once). */
    static java.time.LocalDate metricsDayOf(Map<String, AttributeValue> item) {
        return java.time.LocalDate.parse(item.get(SK).s().substring(METRICS_DAY_PREFIX.length()));
    }

    /** Beside the item whose change was folded, so that counting once spreads over the table like the items do. */
    static Map<String, AttributeValue> counted(String changedPk, String once) {
        return key(changedPk, "COUNTED#" + once);
    }

    /** How far the aggregator folded one shard of the table's stream: one item per shard, written once per batch. */
    static Map<String, AttributeValue> streamCursor(String shardId) {
        return key("STREAM#" + shardId, "CURSOR");
    }

    static Map<String, AttributeValue> customerMetrics(ShopId shop, String emailHash) {
        return key(customerByHash(shop, emailHash), "METRICS");
    }

    /** What the metrics remember of an order's delivery problem, beside the order. */
    static Map<String, AttributeValue> orderMetrics(ShopId shop, OrderId order) {
        return key(order(shop, order), "METRICS");
    }

    /** The customer's email hash a timeline entry's {@code GSI1PK} names. */
    static java.util.Optional<String> customerHashOf(String gsi1pk) {
        String marker = "#" + Subject.Type.CUSTOMER.name() + "#";
        int at = gsi1pk.lastIndexOf(marker);
        return at < 0 ? java.util.Optional.empty() : java.util.Optional.of(gsi1pk.substring(at + marker.length()));
    }

    static final String EXPORT_PREFIX = "EXPORT#";

    /** A part of a data export: parts sort by number within their request. */
    static String exportPart(String request, int part) {
        return EXPORT_PREFIX + request + "#" + String.format("%04d", part);
    }

    /**
     * Where an erased customer's hard suppression stays: keyed by an HMAC of the address (never its plain hash), and
     * with the sort key every suppression has, so the gate reads it as one.
     */
    static Map<String, AttributeValue> erasedSuppression(ShopId shop, String keyedHash) {
        return key(owned(shop) + "ERASED#" + keyedHash, SUPPRESSION);
    }

    /** The scan cursor of a shop's erasure: outside the shop's partitions, which the erasure deletes. */
    static Map<String, AttributeValue> shopErasureCursor(ShopId shop) {
        return key("ERASURE#" + shop.value(), CURSOR);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, Items.s(pk), SK, Items.s(sk));
    }
}
