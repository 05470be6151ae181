package io.aftercare.domain.fakes;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.email.EmailCategory;
import io.aftercare.domain.email.RecipientState;
import io.aftercare.domain.email.RecipientStore;
import io.aftercare.domain.email.Suppression;
import io.aftercare.domain.timeline.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Recipients' states in a map; a customer never heard of may be mailed. */
public final class InMemoryRecipients implements RecipientStore {

    public static final RecipientState NOBODY = new RecipientState(Set.of(), Optional.empty(), Optional.empty(), 0, Optional.empty());

    private final Map<String, RecipientState> states = new HashMap<>();
    private final List<TimelineEntry> entries = new ArrayList<>();

    @Override
    public RecipientState state(ShopId shop, String emailHash) {
        return states.getOrDefault(key(shop, emailHash), NOBODY);
    }

    @Override
    public void unsubscribe(ShopId shop, String emailHash, EmailCategory category, Instant at, TimelineEntry entry) {
        RecipientState s = state(shop, emailHash);
        if (s.unsubscribed().contains(category)) {
            return;
        }
        Set<EmailCategory> left = EnumSet.of(category);
        left.addAll(s.unsubscribed());
        put(shop, emailHash, new RecipientState(left, s.hardSuppression(), s.lastFollowUpAt(), s.openComplaints(), s.lastComplaintAt()));
        entries.add(entry);
    }

    @Override
    public void suppress(ShopId shop, EmailAddress email, Suppression reason, Instant at, TimelineEntry entry) {
        RecipientState s = state(shop, email.hash());
        put(shop, email.hash(), new RecipientState(s.unsubscribed(), Optional.of(reason), s.lastFollowUpAt(), s.openComplaints(), s.lastComplaintAt()));
        entries.add(entry);
    }

    /** Sets what a customer's past left behind (a complaint, a recent follow-up). */
    public void put(ShopId shop, String emailHash, RecipientState state) {
        states.put(key(shop, emailHash), state);
    }

    public List<TimelineEntry> entries() {
        return List.copyOf(entries);
    }

    private static String key(ShopId shop, String emailHash) {
        return shop.value() + "/" + emailHash;
    }
}
