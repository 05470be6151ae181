package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Timeline entries as items: written put-if-absent, so the same entry written twice stays one entry. */
final class TimelineItems {

    static final String ENTRY = "EVENT";

    private TimelineItems() {
    }

    /**
     * @param customerHash the hash of the address of the customer whose timeline the entry also belongs to, if known
     */
    static UpdateExpression write(ShopId shop, TimelineEntry entry, Optional<String> customerHash, Instant recordedAt) {
        var update = new UpdateExpression(Keys.key(Keys.subject(shop, entry.subject()), Keys.entry(entry.id())))
                .setIfAbsent(Keys.TYPE, s(ENTRY))
                .setIfAbsent("entryId", s(entry.id()))
                .setIfAbsent("subjectType", s(entry.subject().type().name()))
                .setIfAbsent("subjectId", s(entry.subject().id()))
                .setIfAbsent("at", Items.time(entry.at()))
                .setIfAbsent("kind", s(entry.kind().name()))
                .setIfAbsent("summary", s(entry.summary()))
                .setIfAbsent("recordedAt", Items.time(recordedAt))
                .setIfAbsent(Keys.BY_TIME_SK, s(Keys.entryByTime(entry.at(), entry.id())));
        entry.deliveryId().ifPresent(id -> update.setIfAbsent("deliveryId", s(id)));
        customerHash.ifPresent(hash -> update
                .setIfAbsent(Keys.GSI1_PK, s(Keys.customerByHash(shop, hash)))
                .setIfAbsent(Keys.GSI1_SK, s(Keys.entryByCustomer(entry.at(), entry.subject(), entry.id()))));
        return update;
    }

    static TimelineEntry read(Map<String, AttributeValue> item) {
        return new TimelineEntry(
                Items.requiredString(item, "entryId"),
                new Subject(Subject.Type.valueOf(Items.requiredString(item, "subjectType")), Items.requiredString(item, "subjectId")),
                Items.time(item, "at").orElseThrow(),
                EntryKind.valueOf(Items.requiredString(item, "kind").toUpperCase(Locale.ROOT)),
                Items.requiredString(item, "summary"),
                Items.string(item, "deliveryId"));
    }
}
