package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import java.util.Arrays;
import java.util.Locale;

/** A member's role in a shop, lowest first: each may do what the ones below it may. */
public enum Role {
    AGENT, LEAD, MANAGER, OWNER;

    public boolean atLeast(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String field, String slug) {
        return Arrays.stream(values()).filter(r -> r.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new InvalidInput(field, "one of agent, lead, manager, owner"));
    }
}
