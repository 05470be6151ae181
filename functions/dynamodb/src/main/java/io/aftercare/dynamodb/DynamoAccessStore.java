package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.AlreadyExists;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.access.AccessStore;
import io.aftercare.domain.access.ApiToken;
import io.aftercare.domain.access.Member;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.access.SecondFactor;
import io.aftercare.domain.access.Session;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Members beside their shop's settings (and under their person in GSI1), API tokens, and the short-lived items of
 * signing in: links, sessions and rate counters, each with a DynamoDB TTL ({@code expiresAt}, epoch seconds). TTL
 * deletes late, so every read checks the expiry itself.
 */
public final class DynamoAccessStore implements AccessStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAccessStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Member> member(ShopId shop, String memberId) {
        return get(Keys.key(Keys.shop(shop), Keys.member(memberId))).map(DynamoAccessStore::member);
    }

    @Override
    public List<Member> members(ShopId shop) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :shop AND begins_with(SK, :members)")
                        .expressionAttributeValues(Map.of(":shop", s(Keys.shop(shop)), ":members", s(Keys.MEMBER_PREFIX))))
                .items().stream().map(DynamoAccessStore::member).toList();
    }

    @Override
    public List<Member> memberships(EmailAddress email) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName(Keys.INDEX_GSI1)
                        .keyConditionExpression("GSI1PK = :person")
                        .expressionAttributeValues(Map.of(":person", s(Keys.person(email)))))
                .items().stream().map(DynamoAccessStore::member).toList();
    }

    @Override
    public void putMember(Member member, boolean mustBeNew) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.shop(member.shop()), Keys.member(member.id())));
        item.put(Keys.TYPE, s("MEMBER"));
        item.put(Keys.GSI1_PK, s(Keys.person(member.email())));
        item.put(Keys.GSI1_SK, s(Keys.shop(member.shop())));
        item.put("shop", s(member.shop().value()));
        item.put("email", s(member.email().value()));
        item.put("role", s(member.role().slug()));
        item.put("language", s(member.language().code()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(mustBeNew ? "attribute_not_exists(PK)" : null));
        } catch (ConditionalCheckFailedException e) {
            throw new AlreadyExists("a member already");
        }
    }

    @Override
    public boolean changeRole(Member changed, Role from, Optional<String> ownerRemaining) {
        return whileOwnerRemains(changed.shop(), ownerRemaining, TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Keys.key(Keys.shop(changed.shop()), Keys.member(changed.id())))
                .conditionExpression("#role = :from").updateExpression("SET #role = :to")
                .expressionAttributeNames(Map.of("#role", "role"))
                .expressionAttributeValues(Map.of(":from", s(from.slug()), ":to", s(changed.role().slug())))).build());
    }

    @Override
    public boolean removeMember(ShopId shop, String memberId, Optional<String> ownerRemaining) {
        return whileOwnerRemains(shop, ownerRemaining, TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(Keys.key(Keys.shop(shop), Keys.member(memberId))).conditionExpression("attribute_exists(PK)")).build());
    }

    /** The member write, in one transaction with the check that the other owner still is one when there is such a condition. */
    private boolean whileOwnerRemains(ShopId shop, Optional<String> ownerRemaining, TransactWriteItem write) {
        List<TransactWriteItem> items = new ArrayList<>(List.of(write));
        ownerRemaining.ifPresent(owner -> items.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                .key(Keys.key(Keys.shop(shop), Keys.member(owner))).conditionExpression("#role = :owner")
                .expressionAttributeNames(Map.of("#role", "role")).expressionAttributeValues(Map.of(":owner", s(Role.OWNER.slug())))).build()));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException conditionFailedOrConflict) {
            return false;
        }
    }

    @Override
    public void putLink(String hash, EmailAddress email, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.signInLink(hash));
        item.put(Keys.TYPE, s("SIGNIN"));
        item.put("email", s(email.value()));
        item.put(Keys.EXPIRES_AT, Items.n(expiresAt.getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<EmailAddress> consumeLink(String hash, Instant now) {
        try {
            // one conditional delete: of two requests with the same link, one gets the address, the other nothing
            var old = dynamo.deleteItem(b -> b.tableName(table).key(Keys.signInLink(hash)).returnValues(ReturnValue.ALL_OLD)
                    .conditionExpression("attribute_exists(PK) AND #expires > :now")
                    .expressionAttributeNames(Map.of("#expires", Keys.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", Items.n(now.getEpochSecond())))).attributes();
            return Optional.of(new EmailAddress(Items.requiredString(old, "email")));
        } catch (ConditionalCheckFailedException usedOrExpired) {
            return Optional.empty();
        }
    }

    @Override
    public void putSession(Session session) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.session(session.hash()));
        item.put(Keys.TYPE, s("SESSION"));
        item.put("email", s(session.email().value()));
        item.put("csrf", s(session.csrf()));
        item.put("secondFactor", AttributeValue.fromBool(session.secondFactor()));
        item.put(Keys.EXPIRES_AT, Items.n(session.expiresAt().getEpochSecond()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<Session> session(String hash) {
        return get(Keys.session(hash)).map(item -> new Session(hash, new EmailAddress(Items.requiredString(item, "email")),
                Items.requiredString(item, "csrf"), Instant.ofEpochSecond(Items.number(item, Keys.EXPIRES_AT)),
                Boolean.TRUE.equals(item.get("secondFactor").bool())));
    }

    @Override
    public void deleteSession(String hash) {
        delete(Keys.session(hash));
    }

    @Override
    public long count(String counter, Instant expiresAt) {
        return RateCounters.count(dynamo, table, counter, expiresAt);
    }

    @Override
    public void putToken(ApiToken token) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.shop(token.shop()), Keys.apiToken(token.id())));
        item.put(Keys.TYPE, s("TOKEN"));
        item.put("id", s(token.id()));
        item.put("name", s(token.name()));
        item.put("role", s(token.role().slug()));
        item.put("secretHash", s(token.secretHash()));
        item.put("createdAt", Items.time(token.createdAt()));
        item.put("createdBy", s(token.createdBy()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<ApiToken> token(ShopId shop, String id) {
        return get(Keys.key(Keys.shop(shop), Keys.apiToken(id))).map(item -> token(shop, item));
    }

    @Override
    public List<ApiToken> tokens(ShopId shop) {
        return dynamo.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("PK = :shop AND begins_with(SK, :tokens)")
                        .expressionAttributeValues(Map.of(":shop", s(Keys.shop(shop)), ":tokens", s(Keys.TOKEN_PREFIX))))
                .items().stream().map(item -> token(shop, item)).toList();
    }

    @Override
    public boolean deleteToken(ShopId shop, String id) {
        return delete(Keys.key(Keys.shop(shop), Keys.apiToken(id)));
    }

    @Override
    public void tokenUsed(ShopId shop, String id, Instant at) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Keys.key(Keys.shop(shop), Keys.apiToken(id)))
                    .conditionExpression("attribute_exists(PK)")
                    .updateExpression("SET lastUsedAt = :at").expressionAttributeValues(Map.of(":at", Items.time(at))));
        } catch (ConditionalCheckFailedException revokedMeanwhile) {
            // nothing to record on a token that is gone
        }
    }

    @Override
    public Optional<SecondFactor> secondFactor(EmailAddress email) {
        return get(Keys.secondFactor(email)).map(item -> new SecondFactor(item.get("secret").b().asByteArray(),
                Boolean.TRUE.equals(item.get("confirmed").bool()), Items.number(item, "lastStep"),
                item.containsKey("recovery") ? Set.copyOf(item.get("recovery").ss()) : Set.of()));
    }

    @Override
    public boolean enrol(EmailAddress email, byte[] secret) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.secondFactor(email));
        item.put(Keys.TYPE, s("TOTP"));
        item.put("secret", AttributeValue.fromB(SdkBytes.fromByteArray(secret)));
        item.put("confirmed", AttributeValue.fromBool(false));
        item.put("lastStep", Items.n(0));
        return conditionally(() -> dynamo.putItem(b -> b.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK) OR confirmed = :no").expressionAttributeValues(Map.of(":no", AttributeValue.fromBool(false)))));
    }

    @Override
    public void confirm(EmailAddress email, long step, Set<String> recoveryHashes) {
        dynamo.updateItem(b -> b.tableName(table).key(Keys.secondFactor(email))
                .updateExpression("SET confirmed = :yes, lastStep = :step, recovery = :codes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true), ":step", Items.n(step), ":codes", AttributeValue.fromSs(List.copyOf(recoveryHashes)))));
    }

    @Override
    public boolean useStep(EmailAddress email, long step) {
        // conditional on the step stored: two requests with one code, only one wins
        return conditionally(() -> dynamo.updateItem(b -> b.tableName(table).key(Keys.secondFactor(email))
                .conditionExpression("lastStep < :step").updateExpression("SET lastStep = :step")
                .expressionAttributeValues(Map.of(":step", Items.n(step)))));
    }

    @Override
    public boolean useRecoveryCode(EmailAddress email, String hash) {
        return conditionally(() -> dynamo.updateItem(b -> b.tableName(table).key(Keys.secondFactor(email))
                .conditionExpression("contains(recovery, :code)").updateExpression("DELETE recovery :codes")
                .expressionAttributeValues(Map.of(":code", s(hash), ":codes", AttributeValue.fromSs(List.of(hash))))));
    }

    @Override
    public void secondFactorGiven(String sessionHash) {
        conditionally(() -> dynamo.updateItem(b -> b.tableName(table).key(Keys.session(sessionHash))
                .conditionExpression("attribute_exists(PK)").updateExpression("SET secondFactor = :yes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true)))));
    }

    @Override
    public boolean requiresSecondFactor(ShopId shop) {
        return get(Keys.accessRule(shop)).map(item -> Boolean.TRUE.equals(item.get("requireSecondFactor").bool())).orElse(false);
    }

    @Override
    public void requireSecondFactor(ShopId shop, boolean required) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.accessRule(shop));
        item.put(Keys.TYPE, s("ACCESS"));
        item.put("requireSecondFactor", AttributeValue.fromBool(required));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private static boolean conditionally(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void audit(ShopId shop, TimelineEntry entry) {
        dynamo.updateItem(TimelineItems.write(shop, entry, Optional.empty(), entry.at()).request(table));
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private boolean delete(Map<String, AttributeValue> key) {
        var old = dynamo.deleteItem(b -> b.tableName(table).key(key).returnValues(ReturnValue.ALL_OLD)).attributes();
        return old != null && !old.isEmpty();
    }

    private static Member member(Map<String, AttributeValue> item) {
        return new Member(new ShopId(Items.requiredString(item, "shop")), new EmailAddress(Items.requiredString(item, "email")),
                Role.of("role", Items.requiredString(item, "role")), Language.fromLocale(Items.requiredString(item, "language")).orElseThrow());
    }

    private static ApiToken token(ShopId shop, Map<String, AttributeValue> item) {
        return new ApiToken(shop, Items.requiredString(item, "id"), Items.requiredString(item, "name"), Role.of("role", Items.requiredString(item, "role")),
                Items.requiredString(item, "secretHash"), Items.time(item, "createdAt").orElseThrow(), Items.requiredString(item, "createdBy"),
                Items.time(item, "lastUsedAt"));
    }
}
