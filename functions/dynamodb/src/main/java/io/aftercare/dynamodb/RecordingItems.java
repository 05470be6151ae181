package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.n;
import static io.aftercare.dynamodb.Items.s;
import static io.aftercare.dynamodb.Items.time;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.Milestone;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderLine;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ReturnReference;
import io.aftercare.domain.recording.CustomerRecording;
import io.aftercare.domain.recording.OrderRecording;
import io.aftercare.domain.recording.Recording;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** How each part of a {@link Recording} is written: which item, which expression, which condition. */
final class RecordingItems {

    static final String SOURCE_TIME = "sourceTime";
    static final String PROFILE_TIME = "profileTime";
    static final String CUSTOMER_EMAIL = "customerEmail";
    /** The platform's id for the order's customer, on the order; {@link #PLATFORM_ID} on their profile. */
    static final String CUSTOMER_PLATFORM_ID = "customerPlatformId";
    static final String PLATFORM_ID = "platformId";
    /** {@code total} and {@code currency} are what the customer paid; these the same in the shop's currency, for reports. */
    static final String SHOP_TOTAL = "shopTotal";
    static final String SHOP_CURRENCY = "shopCurrency";
    static final Map<Milestone, String> MILESTONE_ATTRIBUTES = Map.of(
            Milestone.PLACED, "placedAt", Milestone.PAID, "paidAt", Milestone.FULFILLED, "fulfilledAt",
            Milestone.DELIVERED, "deliveredAt", Milestone.CANCELLED, "cancelledAt");
    static final String STATUS_PENDING = "PENDING";
    /** Longer than any platform keeps retrying (Shopify: 4 hours; its older policy: 48 hours). */
    static final Duration DEDUPE_RETENTION = Duration.ofDays(7);
    /** A return's occurrence of a step: {@code step#{event}#{epoch millis}}. */
    static final String RETURN_STEP_PREFIX = "step#";
    static final String ORDER_ID = "orderId";
    /**
     * On the order: a digest of what its snapshot last made findable (its search terms, its customer's link, profile
     * and name terms), so that a later delivery saying the same writes none of them again.
     */
    static final String INDEXED = "indexed";
    static final String RETURN_ID = "returnId";
    /**
     * On the order: digests of the deliveries about it that were recorded last, oldest first, space-separated (at most
     * {@link #RECENT_DELIVERIES_KEPT}). They are the dedupe markers of the order's deliveries, in the item that their
     * transaction writes anyway, not in an item each (2 write units apiece in a transaction). A platform repeats a
     * delivery within hours, while a few others about the same order come between.
     */
    static final String RECENT_DELIVERIES = "recentDeliveries";
    static final int RECENT_DELIVERIES_KEPT = 10;
    static final String RECENT_WRITE = "recentWrite";

    private final String table;
    private final int dueShards;

    RecordingItems(String table, int dueShards) {
        this.table = table;
        this.dueShards = dueShards;
    }

    /**
     * The dedupe marker of a delivery about no order (a customer's record; one that could not be applied): the
     * transaction fails on it when the delivery was recorded before. Older deployments wrote one for every delivery;
     * they expire after {@link #DEDUPE_RETENTION}, and a delivery finding one is a duplicate.
     */
    TransactWriteItem deliveryMarker(ShopId shop, String deliveryKey, String topic, Instant receivedAt) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.delivery(shop, deliveryKey), Keys.DELIVERY));
        item.put(Keys.TYPE, s(Keys.DELIVERY));
        item.put("topic", s(topic));
        item.put("receivedAt", time(receivedAt));
        item.put(Keys.EXPIRES_AT, n(receivedAt.plus(DEDUPE_RETENTION).getEpochSecond()));
        return putIfAbsent(item);
    }

    /**
     * The order item: facts set their milestones and refunds only if absent (so repeats and stale deliveries change
     * nothing); the snapshot, when included, replaces the stored one unless that one has a newer source time.
     */
    UpdateExpression order(ShopId shop, OrderRecording order, Optional<EmailAddress> customer, boolean withSnapshot) {
        var update = new UpdateExpression(Keys.key(Keys.order(shop, order.orderId()), Keys.ORDER))
                .setIfAbsent(Keys.TYPE, s(Keys.ORDER))
                .setIfAbsent(ORDER_ID, s(order.orderId().value()));
        customer.ifPresent(c -> update.setIfAbsent(CUSTOMER_EMAIL, s(c.value())));
        if (withSnapshot) {
            order.snapshot().ifPresent(snapshot -> snapshot(update, snapshot, order.sourceTime()));
        }
        order.facts().stream().sorted(Comparator.comparing(OrderFact::at)).forEach(fact ->
                fact.milestones().forEach(m -> update.setIfAbsent(MILESTONE_ATTRIBUTES.get(m), time(fact.at()))));
        return update;
    }

    /**
     * The order remembers this delivery among its recent ones, if they are still {@code seen} (absent: none were): so
     * the update fails when the delivery was recorded before, or another about the order was recorded since the read.
     *
     * @return a token of this write, kept beside them: a refused update that finds its own token was this one, written
     *     (its answer was lost and the SDK sent it again), not a copy of the delivery
     */
    static String remember(UpdateExpression order, Optional<String> seen, String delivery) {
        List<String> recent = new ArrayList<>(seen.map(digests -> List.of(digests.split(" "))).orElse(List.of()));
        recent.add(delivery);
        order.set(RECENT_DELIVERIES, s(String.join(" ", recent.subList(Math.max(0, recent.size() - RECENT_DELIVERIES_KEPT), recent.size()))));
        String write = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        order.set(RECENT_WRITE, s(write));
        String stored = order.name(RECENT_DELIVERIES);
        order.condition(seen.map(digests -> stored + " = " + order.value(s(digests))).orElse("attribute_not_exists(" + stored + ")"));
        return write;
    }

    /** Whether the order's recent deliveries were last written by {@code write} (what {@link #remember} returned). */
    static boolean lastWrittenBy(Map<String, AttributeValue> order, String write) {
        return Items.string(order, RECENT_WRITE).filter(write::equals).isPresent();
    }

    /** Whether the order item says it recorded this delivery. */
    static boolean remembers(Map<String, AttributeValue> order, String delivery) {
        return Items.string(order, RECENT_DELIVERIES).filter(digests -> List.of(digests.split(" ")).contains(delivery)).isPresent();
    }

    /** What an order item keeps of a delivery key: 72 bits of its SHA-256. */
    static String deliveryDigest(String deliveryKey) {
        return shortHash(deliveryKey, 9);
    }

    /** A refund is an item of its own beside the order: an order may collect any number of them. */
    UpdateExpression refund(ShopId shop, OrderId order, OrderFact.Refunded refund) {
        return new UpdateExpression(Keys.key(Keys.order(shop, order), Keys.refund(refund.refundId())))
                .setIfAbsent(Keys.TYPE, s("REFUND"))
                .setIfAbsent("refundId", s(refund.refundId()))
                .setIfAbsent("amount", n(refund.amount().amount()))
                .setIfAbsent("currency", s(refund.amount().currency()))
                .setIfAbsent("at", time(refund.at()));
    }

    /**
     * A return is an item of its own beside the order; each occurrence of a step is an attribute of its own (named by
     * the step and its time, so a step that happens again is kept beside the first), with the delivery that told it and the shop's reason, if it gave one.
     */
    UpdateExpression returnChange(ShopId shop, OrderId order, OrderFact.ReturnChanged change, String deliveryKey) {
        Map<String, AttributeValue> step = new HashMap<>(Map.of("event", s(change.event().label()), "at", time(change.at()), "delivery", s(deliveryKey)));
        change.reason().ifPresent(reason -> step.put("reason", s(reason)));
        return new UpdateExpression(Keys.key(Keys.order(shop, order), Keys.returnOf(change.returnId())))
                .setIfAbsent(Keys.TYPE, s("RETURN"))
                .setIfAbsent(RETURN_ID, s(change.returnId()))
                .setIfAbsent(RETURN_STEP_PREFIX + change.event().label() + "#" + change.at().toEpochMilli(), AttributeValue.fromM(step));
    }

    /** The pointer from one of the platform's names for a return to the return: the same each time it is written. */
    UpdateExpression returnPointer(ShopId shop, OrderId order, String returnId, ReturnReference reference) {
        return new UpdateExpression(Keys.key(Keys.returnReference(shop, reference), Keys.RETURN))
                .set(Keys.TYPE, s("RETURN_REF"))
                .set(ORDER_ID, s(order.value()))
                .set(RETURN_ID, s(returnId));
    }

    /** Where returns recorded before every occurrence was kept have their first occurrence of a step. */
    static String legacyReturnEventAttribute(ReturnEvent event) {
        return event.label() + "At";
    }

    private static void snapshot(UpdateExpression update, OrderSnapshot snapshot, Instant sourceTime) {
        update.set("name", s(snapshot.name()))
                .set("total", n(snapshot.total().amount()))
                .set("currency", s(snapshot.total().currency()))
                .set(SHOP_TOTAL, n(snapshot.shopTotal().amount()))
                .set(SHOP_CURRENCY, s(snapshot.shopTotal().currency()))
                .set("lines", AttributeValue.fromL(snapshot.lines().stream().map(RecordingItems::line).toList()))
                .set(SOURCE_TIME, time(sourceTime));
        snapshot.customer().flatMap(CustomerContact::name).ifPresent(name -> update.set("customerName", s(name)));
        snapshot.customer().flatMap(CustomerContact::locale).ifPresent(locale -> update.set("customerLocale", s(locale)));
        snapshot.customer().flatMap(CustomerContact::platformId).ifPresent(id -> update.set(CUSTOMER_PLATFORM_ID, s(id)));
        String stored = update.name(SOURCE_TIME);
        update.condition("attribute_not_exists(" + stored + ") OR " + stored + " <= " + update.value(time(sourceTime)));
    }

    private static AttributeValue line(OrderLine line) {
        return AttributeValue.fromM(Map.of("title", s(line.title()), "quantity", n(line.quantity()), "unitPrice", n(line.unitPrice().amount())));
    }

    /** The customer's profile: the platform's customer record replaces it (newest wins); an order only fills gaps. */
    UpdateExpression profile(ShopId shop, CustomerRecording customer, boolean authoritative) {
        CustomerContact contact = customer.contact();
        var update = new UpdateExpression(Keys.key(Keys.customer(shop, contact.email()), Keys.PROFILE))
                .setIfAbsent(Keys.TYPE, s("CUSTOMER"));
        if (authoritative) {
            update.set("email", s(contact.email().value()));
            contact.name().ifPresent(name -> update.set("name", s(name)));
            contact.locale().ifPresent(locale -> update.set("locale", s(locale)));
            contact.platformId().ifPresent(id -> update.set(PLATFORM_ID, s(id)));
            update.set(PROFILE_TIME, time(customer.sourceTime()));
            String stored = update.name(PROFILE_TIME);
            update.condition("attribute_not_exists(" + stored + ") OR " + stored + " <= " + update.value(time(customer.sourceTime())));
        } else {
            update.setIfAbsent("email", s(contact.email().value()));
            contact.name().ifPresent(name -> update.setIfAbsent("name", s(name)));
            contact.locale().ifPresent(locale -> update.setIfAbsent("locale", s(locale)));
            contact.platformId().ifPresent(id -> update.setIfAbsent(PLATFORM_ID, s(id)));
        }
        return update;
    }

    /** The customer's link to an order, from which order count, first and last order and total spent are derived. */
    UpdateExpression customerOrder(ShopId shop, EmailAddress customer, OrderSnapshot snapshot) {
        return new UpdateExpression(Keys.key(Keys.customer(shop, customer), Keys.customerOrder(snapshot.orderId())))
                .setIfAbsent(Keys.TYPE, s("CUSTOMER_ORDER"))
                .setIfAbsent(ORDER_ID, s(snapshot.orderId().value()))
                .setIfAbsent("placedAt", time(snapshot.placedAt()))
                .set("total", n(snapshot.total().amount()))
                .set("currency", s(snapshot.total().currency()))
                .set(SHOP_TOTAL, n(snapshot.shopTotal().amount()))
                .set(SHOP_CURRENCY, s(snapshot.shopTotal().currency()));
    }

    /** A due action, created only if it was never scheduled: the transaction fails on it otherwise. */
    TransactWriteItem action(ShopId shop, DueAction action, Instant now) {
        return putIfAbsent(ActionItems.pending(shop, action, now, dueShards));
    }

    /** A check that the ticket does not exist (refused, with the ticket, if it does). */
    TransactWriteItem noTicket(ShopId shop, String ticketId) {
        var check = new UpdateExpression(Keys.ticketItem(shop, ticketId));
        check.condition("attribute_not_exists(" + check.name(Keys.PK) + ")");
        return check.conditionCheck(table);
    }

    /** A short digest of writes, the same for the same writes whatever the order of their maps. */
    static String digest(List<TransactWriteItem> writes) {
        StringBuilder canonical = new StringBuilder();
        for (TransactWriteItem write : writes) {
            if (write.put() != null) {
                canonical.append("put ").append(new TreeMap<>(write.put().item()));
            } else {
                Update update = write.update();
                canonical.append("update ").append(new TreeMap<>(update.key())).append(update.updateExpression())
                        .append(new TreeMap<>(update.expressionAttributeNames())).append(new TreeMap<>(update.expressionAttributeValues()));
            }
            canonical.append('\n');
        }
        return shortHash(canonical.toString(), 12);
    }

    /** The first {@code bytes} of the text's SHA-256, in URL-safe base64. */
    private static String shortHash(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(" + Keys.PK + ")")
                .build()).build();
    }
}
