package io.aftercare.domain.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.Subject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailTagsTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void givenAnOrdersDueAction_whenTagged_thenItsShopActionKindAndOrderAreTagsAsTheyAre() {
        var action = new ClaimedAction(new ShopId("kettle-house"), "survey#A.1042", EmailKind.SURVEY.action(), Subject.order(new OrderId("A.1042")),
                Optional.empty(), T, "token", T, 1, 1, false);

        assertThat(EmailTags.of(action.shop(), action)).containsExactly(Map.entry("shop", "kettle-house"), Map.entry("action", "survey#A.1042"),
                Map.entry("kind", "survey"), Map.entry("order", "A.1042"));
    }
}
