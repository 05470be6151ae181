package io.aftercare.domain.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.Limits;
import io.aftercare.domain.order.OrderId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelineEntryTest {

    private static final Subject ORDER = Subject.order(new OrderId("1"));

    @Test
    void givenAPhraseThatDoesNotSayTheEntrysKind_whenTheEntryIsMade_thenItIsRefused() {
        assertThatThrownBy(() -> new TimelineEntry("paid", ORDER, Instant.EPOCH, EntryKind.ORDER_REFUNDED, EntryText.of(Phrase.ORDER_PAID), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ORDER_PAID");
    }

    @Test
    void givenAParameterThePhraseDoesNotName_whenItIsAdded_thenItIsRefused() {
        assertThatThrownBy(() -> EntryText.of(Phrase.ORDER_PAID).text("amount", "9.99"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
    }

    @Test
    void givenAFreeTextPastTheLimit_whenAdded_thenItIsKeptShortened() {
        var text = EntryText.of(Phrase.CUSTOMER_WROTE).text("excerpt", "ż".repeat(Limits.SUMMARY_BYTES));

        assertThat(Limits.utf8Length(((EntryParam.Text) text.params().get("excerpt")).value())).isLessThanOrEqualTo(Limits.SUMMARY_BYTES);
    }

    @Test
    void givenAFalseFlag_whenAdded_thenItIsNotSaid() {
        assertThat(EntryText.of(Phrase.ACTION_ABANDONED).flag("maybeSent", false).params()).isEmpty();
    }
}
