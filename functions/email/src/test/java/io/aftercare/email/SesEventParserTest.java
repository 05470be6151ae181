package io.aftercare.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.Fixtures;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.MailboxEvent;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.timeline.Subject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SesEventParserTest {

    @Test
    void givenSesPermanentBounceRecord_whenParsed_thenItIsAHardBounceOfThatAddressTracedToItsShopAndAction() {
        MailboxEvent event = parse("bounce-permanent.json");

        assertThat(event.type()).isEqualTo(MailboxEvent.Type.HARD_BOUNCE);
        assertThat(event.recipients()).containsExactly(new EmailAddress("no-such-user@example.pl"));
        assertThat(event.shop()).contains("kettle-house");
        assertThat(event.actionId()).contains("thank-you#7300000000001");
        assertThat(event.kind()).contains(EmailKind.THANK_YOU.action());
        assertThat(event.about()).contains(Subject.order(new OrderId("7300000000001")));
        assertThat(event.detail().orElseThrow()).contains("5.1.1");
    }

    @Test
    void givenTheOtherRecords_whenParsed_thenSoftBouncesComplaintsDeliveriesDelaysAndRejectsAreToldApart() {
        assertThat(parse("bounce-transient.json").type()).isEqualTo(MailboxEvent.Type.SOFT_BOUNCE);
        assertThat(parse("complaint.json").type()).isEqualTo(MailboxEvent.Type.COMPLAINT);
        assertThat(parse("delivery.json").type()).isEqualTo(MailboxEvent.Type.DELIVERED);
        assertThat(parse("delivery-delay.json").type()).isEqualTo(MailboxEvent.Type.DELAYED);
        assertThat(parse("delivery-delay.json").recipients()).containsExactly(new EmailAddress("full.box@example.ro"));
        assertThat(parse("reject.json").type()).isEqualTo(MailboxEvent.Type.REJECTED);
        assertThat(parse("reject.json").detail()).contains("Bad content");
    }

    @Test
    void givenAKindTagAftercareDoesNotKnow_whenParsed_thenTheEventHasNoKind() {
        MailboxEvent event = SesEventParser.parse(new String(Fixtures.ses("delivery.json"), StandardCharsets.UTF_8)
                .replace("\"kind\": [\n        \"thank-you\"", "\"kind\": [\n        \"newsletter\""));

        assertThat(event.kind()).isEmpty();
        assertThat(event.about()).contains(Subject.order(new OrderId("7300000000001")));
    }

    @Test
    void givenAnEmailAboutATicket_whenItsEventIsParsed_thenItIsTracedToTheTicket() {
        MailboxEvent event = SesEventParser.parse(new String(Fixtures.ses("bounce-permanent.json"), StandardCharsets.UTF_8)
                .replaceAll("\"order\": \\[\\s*\"7300000000001\"", "\"ticket\": [\"c-survey-1\""));

        assertThat(event.about()).contains(Subject.ticket("c-survey-1"));
    }

    private static MailboxEvent parse(String fixture) {
        return SesEventParser.parse(new String(Fixtures.ses(fixture), StandardCharsets.UTF_8));
    }
}
