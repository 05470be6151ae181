package io.aftercare.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderLine;
import io.aftercare.domain.order.OrderSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void givenTextsOfEveryWidth_whenMeasured_thenTheLengthIsTheirUtf8Bytes() {
        for (String text : new String[] {"", "abc", "é", "€", "😀", "a€😀é", "ü".repeat(700)}) {
            assertThat(Limits.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void givenAnIdOfMultiByteCharactersAtAndPastItsLimit_whenChecked_thenOnlyThePastOneIsRefusedNamingTheField() {
        String atLimit = "€".repeat(85) + "x"; // 256 bytes, 86 characters

        assertThat(Limits.atMost("refund id", atLimit, Limits.ID_BYTES)).isEqualTo(atLimit);
        assertThatThrownBy(() -> Limits.atMost("refund id", atLimit + "x", Limits.ID_BYTES))
                .isInstanceOf(InvalidInput.class).hasMessage("refund id is longer than 256 bytes (UTF-8)");
    }

    @Test
    void givenTextFieldValues_whenTrimmed_thenWhitespaceAroundThemOfAnyScriptGoesAndABlankOneIsNoValue() {
        assertThat(Limits.textValue(" \u3000Ola Nowak\t\n")).contains("Ola Nowak");
        assertThat(Limits.textValue("\u2003 \u00a0x \u00a0")).contains("\u00a0x \u00a0"); // a no-break space is meant
        assertThat(Limits.textValue(" \t\u2003")).isEmpty();
        assertThat(Limits.textValue("")).isEmpty();
    }

    @Test
    void givenATextPastItsLimit_whenShortened_thenItIsCutAtACharacterWithAMarkerWithinTheLimit() {
        String emoji = "😀".repeat(300);

        String shortened = Limits.shortened(emoji, 1_000);

        assertThat(Limits.utf8Length(shortened)).isLessThanOrEqualTo(1_000);
        assertThat(shortened).endsWith("…").isEqualTo("😀".repeat(249) + "…");
        assertThat(Limits.shortened("short", 1_000)).isEqualTo("short");
    }

    @Test
    void givenAnOrderOfTooManyLinesAndLongTitles_whenSnapshotted_thenItKeepsAHundredShortenedAndSaysWhat() {
        var line = new OrderLine("€".repeat(2_000), 1, Money.of("1.00", "EUR"));

        var snapshot = new OrderSnapshot(new OrderId("1"), "#1", Instant.EPOCH, Money.of("120.00", "EUR"),
                Collections.nCopies(120, line), Optional.empty());

        assertThat(snapshot.lines()).hasSize(100)
                .allSatisfy(l -> assertThat(Limits.utf8Length(l.title())).isLessThanOrEqualTo(Limits.TITLE_BYTES));
        assertThat(snapshot.trimmed()).isEqualTo(new OrderSnapshot.Trimmed(20, 100));
    }
}
