package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Money;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.customer.CustomerSummary;
import io.aftercare.domain.customer.CustomerSurvey;
import io.aftercare.domain.customer.CustomerTicket;
import io.aftercare.domain.feedback.Survey;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.order.Milestone;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderLine;
import io.aftercare.domain.order.OrderSnapshot;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.order.Refund;
import io.aftercare.domain.order.Return;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.TimelineReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Reads timelines (newest first, a page at a time), order state and customer summaries. Queries only. */
public final class DynamoTimelineReader implements TimelineReader {

    private final DynamoDbClient dynamo;
    private final String table;
    private final SortedTimeline sorted;

    public DynamoTimelineReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.sorted = new SortedTimeline(dynamo, table);
    }

    @Override
    public Page<TimelineEntry> orderTimeline(ShopId shop, OrderId order, PageRequest page) {
        return own(shop, Subject.order(order), page);
    }

    @Override
    public Page<TimelineEntry> customerTimeline(ShopId shop, EmailAddress customer, PageRequest page) {
        // the customer's entries live in the partitions of the shop's orders and tickets
        return timeline(Keys.INDEX_GSI1, new PageTokens.Query(Keys.GSI1_PK, Keys.customer(shop, customer),
                Set.of(Keys.PK, Keys.SK, Keys.GSI1_PK, Keys.GSI1_SK), Keys.owned(shop), Keys.EVENT_PREFIX), page);
    }

    @Override
    public Page<TimelineEntry> ticketTimeline(ShopId shop, String ticketId, PageRequest page) {
        return own(shop, Subject.ticket(ticketId), page);
    }

    @Override
    public Page<TimelineEntry> returnTimeline(ShopId shop, OrderId order, String returnId, PageRequest page) {
        return own(shop, Subject.returnOf(order, returnId), page);
    }

    @Override
    public Page<TimelineEntry> shopTimeline(ShopId shop, PageRequest page) {
        return own(shop, Subject.shop(shop), page);
    }

    /** A subject's own timeline: through ByTime where its entries are indexed, else sorted as read. */
    private Page<TimelineEntry> own(ShopId shop, Subject subject, PageRequest page) {
        String partition = Keys.subject(shop, subject);
        return Keys.indexedByTime(subject.type())
                ? timeline(Keys.INDEX_BY_TIME, SortedTimeline.byTime(partition), page)
                : sorted.read(partition, page);
    }

    private Page<TimelineEntry> timeline(String index, PageTokens.Query query, PageRequest page) {
        var startKey = page.pageToken().map(t -> PageTokens.decode(t, query)).orElse(null);
        QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(index)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", query.partitionAttribute()))
                .expressionAttributeValues(Map.of(":pk", s(query.partition())))
                .scanIndexForward(false)
                .limit(page.limit())
                .exclusiveStartKey(startKey));
        return new Page<>(response.items().stream().map(TimelineItems::read).toList(), PageTokens.encode(response.lastEvaluatedKey()));
    }

    @Override
    public Optional<OrderState> order(ShopId shop, OrderId order) {
        return order(shop, order, false);
    }

    @Override
    public Optional<OrderState> orderAsWritten(ShopId shop, OrderId order) {
        return order(shop, order, true);
    }

    /** The order item, its refunds and its returns: one query over the order's partition, past its timeline entries. */
    private Optional<OrderState> order(ShopId shop, OrderId order, boolean consistent) {
        Map<String, AttributeValue> orderItem = null;
        List<Refund> refunds = new ArrayList<>();
        List<Return> returns = new ArrayList<>();
        var items = dynamo.queryPaginator(b -> b.tableName(table).consistentRead(consistent)
                .keyConditionExpression("PK = :pk AND SK >= :order")
                .expressionAttributeValues(Map.of(":pk", s(Keys.order(shop, order)), ":order", s(Keys.ORDER)))).items();
        for (var item : items) {
            String sk = item.get(Keys.SK).s();
            if (sk.equals(Keys.ORDER)) {
                orderItem = item;
            } else if (sk.startsWith(Keys.REFUND_PREFIX)) {
                refunds.add(new Refund(Items.requiredString(item, "refundId"),
                        new Money(Items.decimal(item, "amount").orElseThrow(), Items.requiredString(item, "currency")),
                        Items.time(item, "at").orElseThrow()));
            } else if (sk.startsWith(Keys.RETURN_PREFIX)) {
                returnOf(item).ifPresent(returns::add);
            }
        }
        return orderItem == null ? Optional.empty() : Optional.of(orderState(order, orderItem, refunds, returns));
    }

    /** A return's steps, every occurrence with its time and the delivery that told it. */
    private static Optional<Return> returnOf(Map<String, AttributeValue> item) {
        String returnId = Items.requiredString(item, "returnId");
        List<Return.Step> steps = new ArrayList<>();
        item.forEach((name, value) -> {
            if (name.startsWith(RecordingItems.RETURN_STEP_PREFIX) && value.hasM()) {
                ReturnEvent.fromLabel(Items.requiredString(value.m(), "event")).ifPresent(event -> steps.add(
                        new Return.Step(event, Items.time(value.m(), "at").orElseThrow(), Items.string(value.m(), "delivery"),
                        Items.string(value.m(), "reason"))));
            }
        });
        for (ReturnEvent event : ReturnEvent.values()) {
            Items.time(item, RecordingItems.legacyReturnEventAttribute(event)).ifPresent(at -> steps.add(new Return.Step(event, at, Optional.empty(), Optional.empty())));
        }
        return steps.isEmpty() ? Optional.empty() : Optional.of(new Return(returnId, steps));
    }

    private static OrderState orderState(OrderId order, Map<String, AttributeValue> item, List<Refund> refunds, List<Return> returns) {
        Map<Milestone, Instant> milestones = new EnumMap<>(Milestone.class);
        RecordingItems.MILESTONE_ATTRIBUTES.forEach((milestone, attribute) ->
                Items.time(item, attribute).ifPresent(at -> milestones.put(milestone, at)));
        refunds.sort((a, b) -> a.at().compareTo(b.at()));
        Optional<CustomerContact> customer = Items.string(item, RecordingItems.CUSTOMER_EMAIL).map(email ->
                new CustomerContact(new EmailAddress(email), Items.string(item, "customerName"), Items.string(item, "customerLocale"),
                        Items.string(item, RecordingItems.CUSTOMER_PLATFORM_ID)));
        Optional<OrderSnapshot> snapshot = Items.string(item, "currency").map(currency -> {
            Money total = new Money(Items.decimal(item, "total").orElse(BigDecimal.ZERO), currency);
            // Orders recorded before the shop's money was kept beside the customer's have only the one
            Money shopTotal = Items.string(item, RecordingItems.SHOP_CURRENCY)
                    .map(shopCurrency -> new Money(Items.decimal(item, RecordingItems.SHOP_TOTAL).orElse(BigDecimal.ZERO), shopCurrency))
                    .orElse(total);
            return new OrderSnapshot(order, Items.requiredString(item, "name"), milestones.getOrDefault(Milestone.PLACED, Instant.EPOCH),
                    total, lines(item.get("lines"), currency), customer, shopTotal);
        });
        return new OrderState(order, snapshot, milestones, refunds, returns, customer, Items.time(item, RecordingItems.SOURCE_TIME));
    }

    private static List<OrderLine> lines(AttributeValue lines, String currency) {
        if (lines == null || !lines.hasL()) {
            return List.of();
        }
        return lines.l().stream().map(AttributeValue::m).map(line -> new OrderLine(line.get("title").s(),
                Integer.parseInt(line.get("quantity").n()), new Money(new BigDecimal(line.get("unitPrice").n()), currency))).toList();
    }

    /** The profile and the customer's order links, one query over the customer's partition (past its timeline entries). */
    @Override
    public Optional<CustomerSummary> customer(ShopId shop, EmailAddress customer) {
        Map<String, AttributeValue> profile = null;
        Map<String, BigDecimal> spent = new TreeMap<>();
        List<Map<String, AttributeValue>> orders = new ArrayList<>();
        List<CustomerTicket> tickets = new ArrayList<>();
        List<Survey> surveys = new ArrayList<>();
        // one partition: the profile, the order, ticket and survey links kept beside it, and a suppression, if any (skipped)
        var pages = dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.customer(shop, customer)))));
        for (var item : pages.items()) {
            String sort = item.get(Keys.SK).s();
            if (Keys.PROFILE.equals(sort)) {
                profile = item;
            } else if (sort.startsWith(Keys.ORDER_PREFIX)) {
                orders.add(item);
                spent.merge(Items.requiredString(item, "currency"), Items.decimal(item, "total").orElse(BigDecimal.ZERO), BigDecimal::add);
            } else if (sort.startsWith(Keys.CUSTOMER_TICKET_PREFIX)) {
                tickets.add(new CustomerTicket(Items.requiredString(item, "ticketId"), Items.requiredString(item, "number"),
                        Items.requiredString(item, "subject"), Items.requiredString(item, "status"), Items.time(item, "createdAt").orElseThrow()));
            } else if (DynamoSurveyStore.isSurvey(item)) {
                surveys.add(DynamoSurveyStore.read(shop, item));
            }
        }
        if (profile == null) {
            return Optional.empty();
        }
        Comparator<Map<String, AttributeValue>> placed = Comparator.comparing(item -> Items.time(item, "placedAt").orElseThrow());
        orders.sort(placed.reversed());
        tickets.sort(Comparator.comparing(CustomerTicket::createdAt).reversed());
        surveys.sort(Comparator.comparing(Survey::sentAt).reversed());
        var contact = new CustomerContact(new EmailAddress(Items.requiredString(profile, "email")),
                Items.string(profile, "name"), Items.string(profile, "locale"), Items.string(profile, RecordingItems.PLATFORM_ID));
        return Optional.of(new CustomerSummary(contact, orders.size(),
                orders.isEmpty() ? Optional.empty() : Items.time(orders.getLast(), "placedAt"),
                orders.isEmpty() ? Optional.empty() : Items.time(orders.getFirst(), "placedAt"),
                spent.entrySet().stream().map(e -> new Money(e.getValue(), e.getKey())).toList(),
                orders.stream().map(item -> new OrderId(Items.requiredString(item, "orderId"))).toList(), tickets,
                surveys.stream().map(s -> new CustomerSurvey(s.kind().code(), s.score(), s.comment(),
                        s.changedAt().or(s::answeredAt).orElse(s.sentAt()), s.order().map(OrderId::value), s.ticket().or(s::followUp))).toList()));
    }
}
