package io.aftercare.domain.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.Subject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SesTagsTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void givenAnOrdersDueAction_whenTagged_thenItsShopActionKindAndOrderAreTagsInSesAlphabetAndDecodeBack() {
        var action = new ClaimedAction(new ShopId("kettle-house"), "survey#A.1042", ActionKind.SURVEY, Subject.order(new OrderId("A.1042")),
                Optional.empty(), T, "token", T, 1, 1, false);

        Map<String, String> tags = SesTags.of(action.shop(), action);

        assertThat(tags).containsExactly(Map.entry("shop", "kettle-house"), Map.entry("action", "survey_23A_2e1042"),
                Map.entry("kind", "survey"), Map.entry("order", "A_2e1042"));
        assertThat(tags.values()).allMatch(value -> value.matches("[A-Za-z0-9_-]+"));
        assertThat(SesTags.decode(tags.get(SesTags.ORDER))).isEqualTo("A.1042");
    }
}
