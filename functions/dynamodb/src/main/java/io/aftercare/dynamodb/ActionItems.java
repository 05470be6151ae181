package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.n;
import static io.aftercare.dynamodb.Items.s;
import static io.aftercare.dynamodb.Items.time;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionDetail;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.DueAction;
import io.aftercare.domain.email.ActionCatalog;
import io.aftercare.domain.shop.SlaTarget;
import io.aftercare.domain.timeline.Subject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item of a due action waiting for its time: written by a recording, and in bulk by the sweep benchmark; read back
 * by the action store, and by the migration that gives actions stored before details were attributes theirs.
 */
public final class ActionItems {

    // the detail's attributes: which of them an item has says which detail it is
    private static final String SLA_TARGET = "slaTarget";
    private static final String PLAN = "plan";
    private static final String ESCALATION_LEVEL = "escalationLevel";
    private static final String REPLY_TO = "replyTo";
    private static final String OF_RETURN = "ofReturn";
    private static final String OF_REFUND = "ofRefund";
    private static final String NOTE_OF = "noteOf";
    private static final String NOTED_BY = "notedBy";
    private static final String MENTIONED = "mentioned";
    private static final String RESOLVED_VERSION = "resolvedVersion";
    private static final String RESOLVED_AT = "resolvedAt";
    private static final String PRIVACY_REQUEST = "privacyRequest";
    private static final String PRIVACY_CUSTOMER = "privacyCustomer";
    private static final String PRIVACY_ORDERS = "privacyOrders";
    private static final String WEEK_OF = "weekOf";
    /** What a privacy job holds that points at its customer: taken off once their erasure is done. */
    static final List<String> PRIVACY_PERSONAL = List.of(PRIVACY_CUSTOMER, PRIVACY_ORDERS);
    /** Every attribute a detail may be kept in. */
    public static final List<String> DETAIL_ATTRIBUTES = List.of(SLA_TARGET, PLAN, ESCALATION_LEVEL, REPLY_TO, OF_RETURN, OF_REFUND, NOTE_OF, NOTED_BY, MENTIONED,
            RESOLVED_VERSION, RESOLVED_AT, PRIVACY_REQUEST, PRIVACY_CUSTOMER, PRIVACY_ORDERS, WEEK_OF);
    private static final String KIND = "kind";
    private static final String ACTION_ID = "actionId";
    private static final String SUBJECT_TYPE = "subjectType";
    private static final String SUBJECT_ID = "subjectId";

    private ActionItems() {
    }

    /** @param dueShards how many partitions each hour of the due index has ({@link DynamoActionStore#DEFAULT_DUE_SHARDS}) */
    /** Never the customer's address: the runner reads it from what the action is about, so a customer's erasure leaves none here. */
    public static Map<String, AttributeValue> pending(ShopId shop, DueAction action, Instant createdAt, int dueShards) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.actionItem(shop, action.id()));
        item.put(Keys.TYPE, s(Keys.ACTION));
        item.put("shop", s(shop.value()));
        item.put(ACTION_ID, s(action.id()));
        item.put(KIND, s(action.kind().slug()));
        item.put(SUBJECT_TYPE, s(action.subject().type().name()));
        item.put(SUBJECT_ID, s(action.subject().id()));
        item.put("dueAt", time(action.dueAt()));
        item.put("status", s(RecordingItems.STATUS_PENDING));
        item.put("createdAt", time(createdAt));
        item.put(Keys.DUE_PK, s(Keys.dueBucket(shop, action.id(), action.kind().actionClass(), action.dueAt(), dueShards)));
        item.put(Keys.DUE_SK, s(Keys.dueSort(action.dueAt(), shop, action.id())));
        action.detail().ifPresent(detail -> item.putAll(detailAttributes(detail)));
        return item;
    }

    /** The attributes that keep {@code detail}. */
    public static Map<String, AttributeValue> detailAttributes(ActionDetail detail) {
        Map<String, AttributeValue> item = new HashMap<>();
        switch (detail) {
            case ActionDetail.SlaDeadline deadline -> {
                item.put(SLA_TARGET, s(deadline.target().slug()));
                item.put(PLAN, n(deadline.plan()));
            }
            case ActionDetail.Escalation escalation -> {
                item.put(ESCALATION_LEVEL, n(escalation.level()));
                item.put(PLAN, n(escalation.plan()));
            }
            case ActionDetail.Reply reply -> item.put(REPLY_TO, n(reply.version()));
            case ActionDetail.Resolution resolution -> {
                item.put(RESOLVED_VERSION, n(resolution.version()));
                item.put(RESOLVED_AT, time(resolution.at()));
            }
            case ActionDetail.OfReturn ofReturn -> item.put(OF_RETURN, s(ofReturn.returnId()));
            case ActionDetail.OfRefund ofRefund -> item.put(OF_REFUND, s(ofRefund.refundId()));
            case ActionDetail.Mention mention -> {
                item.put(NOTE_OF, n(mention.version()));
                item.put(NOTED_BY, s(mention.by()));
                item.put(MENTIONED, AttributeValue.fromSs(List.copyOf(mention.members())));
            }
            case ActionDetail.Privacy privacy -> {
                item.put(PRIVACY_REQUEST, s(privacy.request()));
                privacy.customer().ifPresent(customer -> item.put(PRIVACY_CUSTOMER, s(customer)));
                if (!privacy.orders().isEmpty()) { // a string set may not be empty
                    item.put(PRIVACY_ORDERS, AttributeValue.fromSs(List.copyOf(privacy.orders())));
                }
            }
            case ActionDetail.Week week -> item.put(WEEK_OF, s(week.monday().toString()));
        }
        return item;
    }

    public static String actionId(Map<String, AttributeValue> item) {
        return Items.requiredString(item, ACTION_ID);
    }

    /** @throws IllegalStateException for a kind this version does not know */
    public static ActionKind kind(Map<String, AttributeValue> item) {
        String slug = Items.requiredString(item, KIND);
        return ActionCatalog.fromSlug(slug).orElseThrow(() -> new IllegalStateException("unknown action kind " + slug));
    }

    public static Subject subject(Map<String, AttributeValue> item) {
        return new Subject(Subject.Type.valueOf(Items.requiredString(item, SUBJECT_TYPE)), Items.requiredString(item, SUBJECT_ID));
    }

    /** The detail {@link #pending} stored, if it stored one. */
    public static Optional<ActionDetail> detail(Map<String, AttributeValue> item) {
        if (item.containsKey(SLA_TARGET)) {
            return Optional.of(new ActionDetail.SlaDeadline(SlaTarget.fromSlug(Items.requiredString(item, SLA_TARGET)), (int) Items.number(item, PLAN)));
        }
        if (item.containsKey(ESCALATION_LEVEL)) {
            return Optional.of(new ActionDetail.Escalation((int) Items.number(item, ESCALATION_LEVEL), (int) Items.number(item, PLAN)));
        }
        if (item.containsKey(RESOLVED_VERSION)) {
            return Optional.of(new ActionDetail.Resolution(Items.number(item, RESOLVED_VERSION), Items.time(item, RESOLVED_AT).orElseThrow()));
        }
        if (item.containsKey(OF_RETURN)) {
            return Optional.of(new ActionDetail.OfReturn(Items.requiredString(item, OF_RETURN)));
        }
        if (item.containsKey(OF_REFUND)) {
            return Optional.of(new ActionDetail.OfRefund(Items.requiredString(item, OF_REFUND)));
        }
        if (item.containsKey(PRIVACY_REQUEST)) {
            return Optional.of(new ActionDetail.Privacy(Items.requiredString(item, PRIVACY_REQUEST), Items.string(item, PRIVACY_CUSTOMER),
                    item.containsKey(PRIVACY_ORDERS) ? Set.copyOf(item.get(PRIVACY_ORDERS).ss()) : Set.of()));
        }
        if (item.containsKey(WEEK_OF)) {
            return Optional.of(new ActionDetail.Week(LocalDate.parse(Items.requiredString(item, WEEK_OF))));
        }
        if (item.containsKey(NOTE_OF)) {
            return Optional.of(new ActionDetail.Mention(Items.number(item, NOTE_OF), Items.requiredString(item, NOTED_BY), Set.copyOf(item.get(MENTIONED).ss())));
        }
        return item.containsKey(REPLY_TO) ? Optional.of(new ActionDetail.Reply(Items.number(item, REPLY_TO))) : Optional.empty();
    }
}
