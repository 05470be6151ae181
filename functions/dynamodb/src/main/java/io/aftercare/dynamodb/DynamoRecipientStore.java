package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;
import static io.aftercare.dynamodb.Items.time;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.email.EmailCategory;
import io.aftercare.domain.email.RecipientGate;
import io.aftercare.domain.email.RecipientState;
import io.aftercare.domain.email.RecipientStore;
import io.aftercare.domain.email.Suppression;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** A customer's mailing state lives in their partition: the profile (frequency cap, open complaints) and a suppression item. */
public final class DynamoRecipientStore implements RecipientStore {

    static final String LAST_FOLLOW_UP = "lastFollowUpAt";
    /** The action whose sending mark set {@link #LAST_FOLLOW_UP}: its own retry is not held back by it. */
    static final String LAST_FOLLOW_UP_BY = "lastFollowUpBy";
    static final String OPEN_COMPLAINTS = "openComplaints";
    static final String LAST_COMPLAINT = "lastComplaintAt";
    static final String UNSUBSCRIBED = "unsubscribed";
    static final String HARD = "hardSuppression";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRecipientStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public RecipientState state(ShopId shop, String emailHash) {
        return state(dynamo.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND SK >= :profile")
                .expressionAttributeValues(Map.of(":pk", s(Keys.customerByHash(shop, emailHash)), ":profile", s(Keys.PROFILE)))).items());
    }

    /** The state the customer's profile and suppression items say, whichever of them are given (each at most once). */
    static RecipientState state(List<Map<String, AttributeValue>> items) {
        Map<String, AttributeValue> profile = Map.of();
        Map<String, AttributeValue> suppression = Map.of();
        for (var item : items) {
            switch (item.get(Keys.SK).s()) {
                case Keys.PROFILE -> profile = item;
                case Keys.SUPPRESSION -> suppression = item;
                default -> { }
            }
        }
        Set<EmailCategory> unsubscribed = EnumSet.noneOf(EmailCategory.class);
        Optional.ofNullable(suppression.get(UNSUBSCRIBED)).map(AttributeValue::ss).orElse(List.of())
                .forEach(slug -> EmailCategory.fromSlug(slug).ifPresent(unsubscribed::add));
        return new RecipientState(unsubscribed, Items.string(suppression, HARD).map(Suppression::fromSlug), Items.time(profile, LAST_FOLLOW_UP),
                (int) Items.number(profile, OPEN_COMPLAINTS), Items.time(profile, LAST_COMPLAINT));
    }

    /**
     * The gate as condition checks on the suppression item and (for mail that is not transactional) the profile, each
     * returning its item when it refuses. The same rule as {@code EmailPolicy.forRecipient}, which
     * {@code RecipientGateTest} holds them to; a missing item passes. An erased customer's hard suppression, kept by
     * {@code keyedHash} alone, refuses every email as their own did. The profile's check also starts the frequency cap
     * ({@code at}, by this action): in the sending mark's transaction, so of two follow-ups marked at once only one
     * passes, and the same action marked again (a retry) still does. A follow-up that then fails to send counts too.
     */
    static List<TransactWriteItem> gateChecks(String table, ClaimedAction action, String emailHash, String keyedHash, RecipientGate gate,
                                              Instant at) {
        ShopId shop = action.shop();
        var erased = new UpdateExpression(Keys.erasedSuppression(shop, keyedHash));
        erased.condition("attribute_not_exists(" + erased.name(HARD) + ")");
        var suppression = new UpdateExpression(Keys.key(Keys.customerByHash(shop, emailHash), Keys.SUPPRESSION));
        suppression.condition("attribute_not_exists(" + suppression.name(HARD) + ")");
        if (gate.category().isEmpty()) {
            return List.of(suppression.conditionCheck(table), erased.conditionCheck(table));
        }
        String left = suppression.name(UNSUBSCRIBED);
        suppression.condition("NOT contains(" + left + ", " + suppression.value(s(gate.category().get().slug())) + ") AND NOT contains("
                + left + ", " + suppression.value(s(EmailCategory.ALL.slug())) + ")");
        var profile = new UpdateExpression(Keys.key(Keys.customerByHash(shop, emailHash), Keys.PROFILE))
                .set(LAST_FOLLOW_UP, time(at)).set(LAST_FOLLOW_UP_BY, s(action.actionId()));
        String complaints = profile.name(OPEN_COMPLAINTS);
        String followUp = profile.name(LAST_FOLLOW_UP);
        profile.condition("(attribute_not_exists(" + complaints + ") OR " + complaints + " <= " + profile.value(Items.n(0)) + ") AND ("
                + "attribute_not_exists(" + followUp + ") OR " + followUp + " <= " + profile.value(time(gate.followUpBy()))
                + " OR " + profile.name(LAST_FOLLOW_UP_BY) + " = " + profile.value(s(action.actionId())) + ")");
        return List.of(suppression.conditionCheck(table), profile.transactItem(table), erased.conditionCheck(table));
    }

    @Override
    public void unsubscribe(ShopId shop, String emailHash, EmailCategory category, Instant at, TimelineEntry entry) {
        var update = suppression(shop, emailHash, at).addToSet(UNSUBSCRIBED, AttributeValue.fromSs(List.of(category.slug())));
        dynamo.transactWriteItems(b -> b.transactItems(update.transactItem(table),
                TimelineItems.write(shop, entry, Optional.of(emailHash), at).transactItem(table)));
    }

    @Override
    public void suppress(ShopId shop, EmailAddress email, Suppression reason, Instant at, TimelineEntry entry) {
        var update = suppression(shop, email.hash(), at).setIfAbsent(HARD, s(reason.slug()));
        dynamo.transactWriteItems(b -> b.transactItems(update.transactItem(table),
                TimelineItems.write(shop, entry, Optional.of(email.hash()), at).transactItem(table)));
    }

    private static UpdateExpression suppression(ShopId shop, String emailHash, Instant at) {
        return new UpdateExpression(Keys.key(Keys.customerByHash(shop, emailHash), Keys.SUPPRESSION))
                .setIfAbsent(Keys.TYPE, s(Keys.SUPPRESSION))
                .set("updatedAt", time(at));
    }
}
