package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Limits;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.email.ThreadStore;
import io.aftercare.domain.inbound.InboundDelivery;
import io.aftercare.domain.inbound.InboundOutcome;
import io.aftercare.domain.inbound.InboundStore;
import io.aftercare.domain.inbound.KeptMessage;
import io.aftercare.domain.inbound.MailVerdicts;
import io.aftercare.domain.inbound.StoredAttachment;
import io.aftercare.domain.timeline.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Threads of the emails shops sent, and the emails they received: the deliveries taken, the messages kept, the senders counted. */
public final class DynamoInboundStore implements ThreadStore, InboundStore {

    /** Past SES's and Lambda's retries of one notification by far. */
    static final Duration DELIVERY_RETENTION = Duration.ofDays(30);
    /** Below DynamoDB's 400 KB an item holds, with the rest of the message beside it. */
    static final int FULL_TEXT_BYTES = 300_000;
    private static final String HOLDING = "HOLDING";
    private static final String RECEIVED = "RECEIVED";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoInboundStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Subject> byCode(ShopId shop, String code) {
        return subject(Keys.replyCode(shop, code));
    }

    @Override
    public Optional<Subject> byMessageId(ShopId shop, String messageId) {
        return subject(Keys.sentMessage(shop, messageId));
    }

    @Override
    public Claim claim(String deliveryId, Instant now, Duration lease) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.inboundDelivery(deliveryId));
        item.put(Keys.TYPE, s("INBOUND_DELIVERY"));
        item.put("state", s(HOLDING));
        item.put("leaseUntil", Items.n(now.plus(lease).toEpochMilli()));
        item.put(Keys.EXPIRES_AT, Items.n(now.plus(DELIVERY_RETENTION).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK) OR (#state = :holding AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":holding", s(HOLDING), ":now", Items.n(now.toEpochMilli()))));
            return new Claimed();
        } catch (ConditionalCheckFailedException taken) {
            var stored = dynamo.getItem(b -> b.tableName(table).key(Keys.inboundDelivery(deliveryId)).consistentRead(true)).item();
            if (stored != null && Items.string(stored, "state").filter(RECEIVED::equals).isPresent()) {
                return new Received(new InboundOutcome(InboundOutcome.Disposition.valueOf(Items.requiredString(stored, "disposition")),
                        Items.string(stored, "shop").map(ShopId::new), Items.string(stored, "ticketId")));
            }
            return new Held();
        }
    }

    @Override
    public void received(String deliveryId, InboundOutcome outcome, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.inboundDelivery(deliveryId));
        item.put(Keys.TYPE, s("INBOUND_DELIVERY"));
        item.put("state", s(RECEIVED));
        item.put("disposition", s(outcome.disposition().name()));
        outcome.shop().ifPresent(shop -> item.put("shop", s(shop.value())));
        outcome.ticketId().ifPresent(ticket -> item.put("ticketId", s(ticket)));
        item.put("receivedAt", Items.time(now));
        item.put(Keys.EXPIRES_AT, Items.n(now.plus(DELIVERY_RETENTION).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public void keep(ShopId shop, Subject on, InboundDelivery delivery, List<StoredAttachment> attachments) {
        var message = delivery.message();
        var verdicts = delivery.verdicts();
        Map<String, AttributeValue> item = new HashMap<>(Keys.receivedMail(shop, on, message.from().hash(), delivery.deliveryId()));
        item.put(Keys.TYPE, s("RECEIVED_MAIL"));
        item.put("deliveryId", s(delivery.deliveryId()));
        item.put("receivedAt", Items.time(delivery.receivedAt()));
        item.put("from", s(message.from().value()));
        Optional.ofNullable(message.fromName()).filter(name -> !name.isBlank()).ifPresent(name -> item.put("fromName", s(name)));
        item.put("subject", s(message.subject() == null ? "" : message.subject()));
        item.put("newText", s(message.newText()));
        item.put("fullText", s(Limits.shortened(message.fullText(), FULL_TEXT_BYTES)));
        message.messageId().ifPresent(id -> item.put("messageId", s(id)));
        item.put("verdicts", AttributeValue.fromM(Map.of("spam", s(verdicts.spam().name()), "virus", s(verdicts.virus().name()),
                "spf", s(verdicts.spf().name()), "dkim", s(verdicts.dkim().name()), "dmarc", s(verdicts.dmarc().name()))));
        item.put("attachments", AttributeValue.fromL(attachments.stream().map(DynamoInboundStore::attachment).toList()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<KeptMessage> kept(ShopId shop, Subject on) {
        return dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :mail)")
                        .expressionAttributeValues(Map.of(":pk", s(Keys.subject(shop, on)), ":mail", s(Keys.RECEIVED_MAIL_PREFIX))))
                .items().stream().map(DynamoInboundStore::kept).sorted(Comparator.comparing(KeptMessage::receivedAt)).toList();
    }

    private static KeptMessage kept(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> v = item.get("verdicts").m();
        var verdicts = new MailVerdicts(verdict(v, "spam"), verdict(v, "virus"), verdict(v, "spf"), verdict(v, "dkim"), verdict(v, "dmarc"));
        return new KeptMessage(Items.requiredString(item, "deliveryId"), Items.time(item, "receivedAt").orElseThrow(),
                new EmailAddress(Items.requiredString(item, "from")), Items.string(item, "fromName"), Items.requiredString(item, "subject"),
                Items.requiredString(item, "newText"), Items.requiredString(item, "fullText"), attachments(item), verdicts);
    }

    /** The attachments a received-mail item lists; none for any other item (what a privacy job deletes beside the items it deletes). */
    static List<StoredAttachment> attachments(Map<String, AttributeValue> item) {
        if (!item.get(Keys.SK).s().startsWith(Keys.RECEIVED_MAIL_PREFIX) || !item.containsKey("attachments")) {
            return List.of();
        }
        return item.get("attachments").l().stream().map(AttributeValue::m).map(a -> new StoredAttachment(
                Items.requiredString(a, "fileName"), Items.requiredString(a, "contentType"), Items.number(a, "size"), Items.requiredString(a, "key"))).toList();
    }

    private static MailVerdicts.Verdict verdict(Map<String, AttributeValue> verdicts, String check) {
        return MailVerdicts.Verdict.valueOf(verdicts.get(check).s());
    }

    @Override
    public long count(ShopId shop, String senderHash, Instant hourEnd, String deliveryId) {
        return RateCounters.countOnce(dynamo, table, Keys.inboundSenderCount(shop, senderHash, hourEnd), deliveryId, hourEnd);
    }

    private static AttributeValue attachment(StoredAttachment stored) {
        return AttributeValue.fromM(Map.of("fileName", s(stored.fileName()), "contentType", s(stored.contentType()),
                "size", Items.n(stored.size()), "key", s(stored.key())));
    }

    private Optional<Subject> subject(Map<String, AttributeValue> key) {
        return ThreadItems.subject(dynamo.getItem(b -> b.tableName(table).key(key)).item());
    }
}
