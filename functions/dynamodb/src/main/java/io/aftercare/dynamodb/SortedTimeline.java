package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.timeline.TimelineEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The timelines not indexed by time (an order's, a return's: tens of entries, a few KB; see
 * {@link Keys#indexedByTime}) read from their partition and sorted as ByTime sorted them: newest first, ties by entry
 * id. Entries written while they were indexed sort the same way (their place is computed from their time and id).
 * A page token is the last entry's ByTime key, the shape ByTime's pages ended on, so tokens handed out before stay good.
 *
 * <p>One read loads at most one query's worth: {@link #BOUND} entries and DynamoDB's 1 MB. A partition past that is
 * paged in the table's order instead (by entry id, each page newest first within itself) with the table's own key as
 * the token: every entry still comes once, only not in time order across pages. A reader that was paging by time
 * when its timeline passed the bound starts over by entry id: it may see entries twice, never miss one.
 */
final class SortedTimeline {

    static final int BOUND = 1_000;
    private static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(SortedTimeline::place).reversed();

    private final DynamoDbClient dynamo;
    private final String table;

    SortedTimeline(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A partition's own timeline entries by time: the ByTime index's keys, and a sorted read's tokens. */
    static PageTokens.Query byTime(String partition) {
        return new PageTokens.Query(Keys.PK, partition, Set.of(Keys.PK, Keys.SK, Keys.BY_TIME_SK), partition, Keys.EVENT_PREFIX);
    }

    private static PageTokens.Query byEntryId(String partition) {
        return new PageTokens.Query(Keys.PK, partition, Set.of(Keys.PK, Keys.SK), partition, Keys.EVENT_PREFIX);
    }

    Page<TimelineEntry> read(String partition, PageRequest page) {
        var from = page.pageToken().map(token -> PageTokens.decode(token, byTime(partition), byEntryId(partition)));
        if (from.isPresent() && !from.get().containsKey(Keys.BY_TIME_SK)) {
            var response = query(partition, page.limit(), from.get());
            return inTableOrder(partition, response, page.limit());
        }
        var response = query(partition, BOUND, null);
        if (!response.lastEvaluatedKey().isEmpty()) {
            return inTableOrder(partition, response, page.limit());
        }
        Optional<String> after = from.map(key -> key.get(Keys.BY_TIME_SK).s());
        List<TimelineEntry> rest = response.items().stream().map(TimelineItems::read).sorted(NEWEST_FIRST)
                .filter(entry -> after.isEmpty() || place(entry).compareTo(after.get()) < 0).toList();
        List<TimelineEntry> entries = rest.subList(0, Math.min(page.limit(), rest.size()));
        Optional<String> next = rest.size() > entries.size()
                ? PageTokens.encode(Map.of(Keys.PK, s(partition), Keys.SK, s(Keys.entry(entries.getLast().id())), Keys.BY_TIME_SK, s(place(entries.getLast()))))
                : Optional.empty();
        return new Page<>(entries, next);
    }

    private static String place(TimelineEntry entry) {
        return Keys.entryByTime(entry.at(), entry.id());
    }

    /** The first {@code limit} of the entries read (in the table's order), newest first; the token is the last one's table key. */
    private static Page<TimelineEntry> inTableOrder(String partition, QueryResponse response, int limit) {
        var items = response.items().subList(0, Math.min(limit, response.items().size()));
        boolean more = items.size() < response.items().size() || !response.lastEvaluatedKey().isEmpty();
        Optional<String> next = more && !items.isEmpty()
                ? PageTokens.encode(Map.of(Keys.PK, s(partition), Keys.SK, items.getLast().get(Keys.SK)))
                : Optional.empty();
        return new Page<>(items.stream().map(TimelineItems::read).sorted(NEWEST_FIRST).toList(), next);
    }

    private QueryResponse query(String partition, int limit, Map<String, AttributeValue> from) {
        return dynamo.query(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :entry)")
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                .expressionAttributeValues(Map.of(":pk", s(partition), ":entry", s(Keys.EVENT_PREFIX)))
                .limit(limit)
                .exclusiveStartKey(from));
    }
}
