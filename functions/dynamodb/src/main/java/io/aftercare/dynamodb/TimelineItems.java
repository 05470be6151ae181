package io.aftercare.dynamodb;

import static io.aftercare.dynamodb.Items.s;

import io.aftercare.domain.Money;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Timeline entries as items: written put-if-absent, so the same entry written twice stays one entry. An entry's text is
 * its phrase ({@code phrase}) and its parameters ({@code params}, a map of name to a typed value: {@code {t: "code",
 * v: "REJECTED", of: "reason"}}); entries written before phrases have only their {@code summary}, read as it is.
 * Entries written by a newer version are read as far as this one knows their phrase and parameters, never refused.
 */
final class TimelineItems {

    static final String ENTRY = "EVENT";
    private static final String SUMMARY = "summary";
    private static final String PHRASE = "phrase";
    private static final String PARAMS = "params";
    /** A parameter's type, its value, and what qualifies the value: a code's vocabulary, an amount's currency, a moment's zone. */
    private static final String TYPE = "t";
    private static final String VALUE = "v";
    private static final String OF = "of";

    private TimelineItems() {
    }

    /**
     * @param customerHash the hash of the address of the customer whose timeline the entry also belongs to, if known
     *                     and the entry is not a {@linkplain EntryKind#plan() plan}
     */
    static UpdateExpression write(ShopId shop, TimelineEntry entry, Optional<String> customerHash, Instant recordedAt) {
        var update = new UpdateExpression(Keys.key(Keys.subject(shop, entry.subject()), Keys.entry(entry.id())))
                .setIfAbsent(Keys.TYPE, s(ENTRY))
                .setIfAbsent("entryId", s(entry.id()))
                .setIfAbsent("subjectType", s(entry.subject().type().name()))
                .setIfAbsent("subjectId", s(entry.subject().id()))
                .setIfAbsent("at", Items.time(entry.at()))
                .setIfAbsent("kind", s(entry.kind().name()))
                .setIfAbsent("recordedAt", Items.time(recordedAt));
        if (Keys.indexedByTime(entry.subject().type())) {
            update.setIfAbsent(Keys.BY_TIME_SK, s(Keys.entryByTime(entry.at(), entry.id())));
        }
        switch (entry.text()) {
            case EntryText.Phrased phrased -> update.setIfAbsent(PHRASE, s(phrased.phrase().slug())).setIfAbsent(PARAMS, params(phrased.params()));
            case EntryText.Stored stored -> update.setIfAbsent(SUMMARY, s(stored.summary()));
        }
        entry.deliveryId().ifPresent(id -> update.setIfAbsent("deliveryId", s(id)));
        customerHash.filter(hash -> !entry.kind().plan()).ifPresent(hash -> update
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
                text(item),
                Items.string(item, "deliveryId"));
    }

    /**
     * A phrase this version does not know (written by a newer one) reads as its summary if one was stored, else as its
     * slug, the way a code no message names is shown as the code; parameters it does not know are left out.
     */
    private static EntryText text(Map<String, AttributeValue> item) {
        Optional<String> slug = Items.string(item, PHRASE);
        if (slug.isEmpty()) {
            return new EntryText.Stored(Items.requiredString(item, SUMMARY));
        }
        Optional<Phrase> phrase = Phrase.fromSlug(slug.get());
        if (phrase.isEmpty()) {
            return new EntryText.Stored(Items.string(item, SUMMARY).orElse(slug.get()));
        }
        Map<String, EntryParam> params = new LinkedHashMap<>();
        AttributeValue stored = item.get(PARAMS);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((name, value) -> {
                if (phrase.get().params().contains(name)) {
                    param(value.m()).ifPresent(known -> params.put(name, known));
                }
            });
        }
        return new EntryText.Phrased(phrase.get(), params);
    }

    private static AttributeValue params(Map<String, EntryParam> params) {
        Map<String, AttributeValue> stored = new LinkedHashMap<>();
        params.forEach((name, param) -> stored.put(name, AttributeValue.fromM(param(param))));
        return AttributeValue.fromM(stored);
    }

    private static Map<String, AttributeValue> param(EntryParam param) {
        return switch (param) {
            case EntryParam.Text text -> Map.of(TYPE, s("text"), VALUE, s(text.value()));
            case EntryParam.Code code -> Map.of(TYPE, s("code"), VALUE, s(code.value()), OF, s(code.vocabulary()));
            case EntryParam.Amount amount -> Map.of(TYPE, s("amount"), VALUE, Items.n(amount.money().amount()), OF, s(amount.money().currency()));
            case EntryParam.Moment moment -> Map.of(TYPE, s("moment"), VALUE, Items.time(moment.at()), OF, s(moment.zone().getId()));
            case EntryParam.Count count -> Map.of(TYPE, s("count"), VALUE, Items.n(count.value()));
            case EntryParam.Flag flag -> Map.of(TYPE, s("flag"));
        };
    }

    /** Empty for a type of parameter this version does not know. */
    private static Optional<EntryParam> param(Map<String, AttributeValue> stored) {
        return Optional.ofNullable(switch (Items.requiredString(stored, TYPE)) {
            case "text" -> new EntryParam.Text(Items.requiredString(stored, VALUE));
            case "code" -> new EntryParam.Code(Items.requiredString(stored, OF), Items.requiredString(stored, VALUE));
            case "amount" -> new EntryParam.Amount(new Money(Items.decimal(stored, VALUE).orElseThrow(), Items.requiredString(stored, OF)));
            case "moment" -> new EntryParam.Moment(Items.time(stored, VALUE).orElseThrow(), ZoneId.of(Items.requiredString(stored, OF)));
            case "count" -> new EntryParam.Count(Items.number(stored, VALUE));
            case "flag" -> new EntryParam.Flag();
            default -> null;
        });
    }
}
