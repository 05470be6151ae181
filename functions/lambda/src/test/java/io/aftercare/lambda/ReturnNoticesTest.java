package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The customer's emails about their return and their money back, end to end: webhooks in, the sweep and the action
 * handler against DynamoDB Local and the SES emulator; only the clock is moved by hand.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class ReturnNoticesTest {

    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    private SesMailbox ses;
    private Harness aftercare;

    @BeforeEach
    void freshTable(TestTable table, SesMailbox ses) {
        this.ses = ses;
        aftercare = new Harness(table, NOW, ses);
    }

    @Test
    void givenARequestAndAnApprovalEachDeliveredTwice_whenSent_thenOneEmailForEachAndTheShopsInstructionsAreEscaped() {
        String shop = "notices";
        aftercare.registerShop(shop, "generic");
        var patched = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"returns": {"instructions": "Stick the <b>DPD</b> label on the box.\\nDrop it at any DPD point."}}""");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        order(shop, "N-1", "nina@example.com", "en");
        for (String event : List.of("requested", "approved")) {
            String step = returnStep("N-1", "ret-7", event, "");
            assertThat(aftercare.generic(shop, step).status()).isEqualTo(200);
            assertThat(aftercare.generic(shop, step).status()).isEqualTo(200);
            aftercare.sweepAndWork();
            aftercare.clock.advance(Duration.ofMinutes(5));
        }
        aftercare.sweepAndWork();

        assertThat(notices("nina@example.com")).extracting(SesEmulator.Email::subject).containsExactlyInAnyOrder(
                "We have your return request for order #N-1", "Your return for order #N-1 is approved");
        SesEmulator.Email approval = notices("nina@example.com").stream().filter(e -> e.subject().endsWith("approved")).findFirst().orElseThrow();
        assertThat(approval.html()).contains("Stick the &lt;b&gt;DPD&lt;/b&gt; label on the box.<br>Drop it at any DPD point.<br>")
                .doesNotContain("<b>DPD</b>");
        assertThat(approval.text()).contains("How to send them back:\nStick the <b>DPD</b> label on the box.\nDrop it at any DPD point.");
        assertThat(approval.html()).doesNotContain("unsubscribe");
    }

    @Test
    void givenADeclineWithTheShopsReason_whenSentToAPolishCustomer_thenItIsInPolishWithTheReason() {
        String shop = "declines";
        aftercare.registerShop(shop, "generic");
        order(shop, "D-1", "dorota@example.com", "pl");
        aftercare.generic(shop, returnStep("D-1", "ret-1", "requested", ""));
        aftercare.clock.advance(Duration.ofMinutes(5));
        aftercare.generic(shop, returnStep("D-1", "ret-1", "declined", ", \"reason\": \"Minął 30-dniowy termin <zwrotu>.\""));
        aftercare.sweepAndWork();

        SesEmulator.Email declined = notices("dorota@example.com").stream().filter(e -> e.subject().startsWith("W sprawie")).findFirst().orElseThrow();
        assertThat(declined.subject()).isEqualTo("W sprawie zgłoszenia zwrotu do zamówienia #D-1");
        assertThat(declined.html()).contains("Powód: Minął 30-dniowy termin &lt;zwrotu&gt;.");
        assertThat(declined.text()).contains("Powód: Minął 30-dniowy termin <zwrotu>.");
    }

    @Test
    void givenAPartialRefund_whenRecordedTwice_thenOneEmailWithTheAmountInTheOrdersCurrencyWrittenTheCustomersWay() {
        String shop = "refunds";
        aftercare.registerShop(shop, "generic");
        order(shop, "F-1", "filip@example.com", "pl");
        order(shop, "F-2", "fiona@example.com", "en");
        for (String order : List.of("F-1", "F-2")) {
            String refund = aftercare.genericEvent("refund.created", "refund-" + order, """
                    {"order_id": "%s", "refund_id": "rf-1", "amount": "1234.50", "currency": "PLN"}""".formatted(order));
            assertThat(aftercare.generic(shop, refund).status()).isEqualTo(200);
            assertThat(aftercare.generic(shop, refund).status()).isEqualTo(200);
        }
        aftercare.sweepAndWork();

        // Polish writes 1 234,50 zł with no-break spaces
        assertThat(notices("filip@example.com")).extracting(SesEmulator.Email::subject)
                .singleElement().asString().matches("Zwrot 1\\h234,50\\hzł za zamówienie #F-1 jest w drodze");
        assertThat(notices("fiona@example.com")).extracting(SesEmulator.Email::subject)
                .containsExactly("Your refund of PLN1,234.50 for order #F-2 is on its way");
    }

    @Test
    void givenAnApprovalCancelledBeforeItsEmailWentOut_whenItComesDue_thenItIsSkippedBecauseTheReturnMovedOn() {
        String shop = "changes";
        aftercare.registerShop(shop, "generic");
        order(shop, "C-1", "carl@example.com", "en");
        aftercare.generic(shop, returnStep("C-1", "ret-1", "approved", ""));
        aftercare.clock.advance(Duration.ofMinutes(1));
        aftercare.generic(shop, returnStep("C-1", "ret-1", "cancelled", ""));
        aftercare.sweepAndWork();

        assertThat(notices("carl@example.com")).isEmpty();
        List<String> summaries = new ArrayList<>();
        aftercare.orderTimeline(shop, "C-1").path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        assertThat(summaries).contains("Return approval not sent: the return moved on before it went out (cancelled)");
    }

    private void order(String shop, String id, String email, String locale) {
        var placed = aftercare.generic(shop, aftercare.genericEvent("order.created", "o-" + id, """
                {"id": "%s", "created_at": "%s", "currency": "PLN", "total": "1500.00",
                 "customer": {"email": "%s", "name": "Kim", "locale": "%s"}, "lines": [{"title": "Teapot", "quantity": 1, "price": "1500.00"}]}"""
                .formatted(id, aftercare.clock.instant(), email, locale)));
        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
    }

    /** @param more further fields of the event's data, each after a comma */
    private String returnStep(String order, String ret, String event, String more) {
        return aftercare.genericEvent("return.updated", "r-" + ret + "-" + event, """
                {"order_id": "%s", "return_id": "%s", "event": "%s"%s}""".formatted(order, ret, event, more));
    }

    /** What the customer got, but the thank-you for their order. */
    private List<SesEmulator.Email> notices(String to) {
        return ses.emailsTo(to).stream().filter(e -> !e.subject().toLowerCase().contains("thank") && !e.subject().contains("Dziękujemy")).toList();
    }
}
