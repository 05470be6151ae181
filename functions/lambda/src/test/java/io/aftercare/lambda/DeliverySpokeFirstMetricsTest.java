package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.StreamWorker;
import io.aftercare.devkit.TableStream;
import io.aftercare.devkit.TestTable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15's "the shop spoke first", scripted through the real webhooks, the sweep and the action handler (the apology
 * through the SES emulator, the case's ticket in DynamoDB Local), and the table's stream read by the aggregator's
 * handler: only the clock is moved by hand.
 */
@TableStream
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class DeliverySpokeFirstMetricsTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    private static final String SHOP = "kettle-parcels";

    private SesMailbox ses;
    private Harness aftercare;
    private StreamWorker stream;

    @BeforeEach
    void freshTable(TestTable table, SesMailbox ses) {
        this.ses = ses;
        aftercare = new Harness(table, warsaw("2026-11-02T09:00"), ses);
        stream = aftercare.aggregatorStream();
        assertThat(aftercare.registerShop(SHOP, "generic").status()).isEqualTo(201);
    }

    @Test
    void aProblemApologisedForBeforeTheCustomerWroteCountsAsSpokenFirstAndOneTheCustomerComplainedOfFirstDoesNot() {
        scriptTwoProblems();
        stream.drain();

        assertThat(ses.emailsTo("dora.spoke-first@example.com")).extracting(SesEmulator.Email::subject).anyMatch(s -> s.contains("is held up"));
        assertHandWorked(month());
    }

    @Test
    void aReplayedStreamCountsEachProblemAndEachContactOnce() {
        scriptTwoProblems();
        stream.drain();
        stream.rewind();
        assertThat(stream.drain()).isPositive();
        stream.rewind();
        stream.drain();

        assertHandWorked(month());
        assertThat(stream.setAside()).isEmpty();
    }

    @Test
    void theCsvExportCarriesTheShareAndTheMedianUnderDottedNames() {
        scriptTwoProblems();
        stream.drain();
        Map<String, String> month = csvRow(report("csv").body());
        assertThat(month).containsEntry("deliveryProblems.problems", "2").containsEntry("deliveryProblems.shopSpokeFirst", "1")
                .containsEntry("deliveryProblems.spokeFirstShare", "0.5");
        assertThat(Double.parseDouble(month.get("deliveryProblems.firstContactSeconds.p50"))).isCloseTo(300, within(3.0));
    }

    /** A one-period CSV's row by its column names. */
    private static Map<String, String> csvRow(String csv) {
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        String[] names = lines[0].split(",");
        String[] values = lines[1].split(",", -1);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            row.put(names[i], values[i]);
        }
        return row;
    }

    /**
     * Dora's parcel fails at 10:00 and the sweep at 10:30 sends her apology (and opens Aftercare's own ticket, which is
     * not her writing); she complains at 12:00. Emil complains at 09:30 that his parcel is late; the carrier reports it
     * delayed at 10:00 the next day and his apology goes at 10:05. Worked by hand: 2 problems, 1 spoken first, first
     * contact after 30 and 5 minutes (the median, by nearest rank, 5: Emil's, though he wrote first).
     */
    private void scriptTwoProblems() {
        shippedOrder("D-1", "dora.spoke-first@example.com");
        shippedOrder("E-1", "emil@example.com");
        at("2026-11-03T09:30");
        complaint("late-e", "E-1", "emil@example.com", "Where is my parcel?");
        at("2026-11-03T10:00");
        parcel("D-1", "failure");
        at("2026-11-03T10:30");
        aftercare.sweepAndWork();
        at("2026-11-03T12:00");
        complaint("late-d", "D-1", "dora.spoke-first@example.com", "My parcel did not come.");
        at("2026-11-04T10:00");
        parcel("E-1", "delayed");
        at("2026-11-04T10:05");
        aftercare.sweepAndWork();
    }

    private static void assertHandWorked(JsonNode month) {
        JsonNode delivery = month.path("deliveryProblems");
        assertThat(delivery.path("problems").asLong()).as(delivery.toString()).isEqualTo(2);
        assertThat(delivery.path("shopSpokeFirst").asLong()).as(delivery.toString()).isEqualTo(1);
        assertThat(delivery.path("spokeFirstShare").asDouble()).isEqualTo(0.5);
        assertThat(delivery.path("firstContactSeconds").path("p50").asDouble()).isCloseTo(300, within(3.0));
        // the complaints are tickets all the same: the two customers' and Aftercare's two cases
        assertThat(month.path("tickets").path("opened").asLong()).isEqualTo(4);
    }

    private JsonNode month() {
        return report("json").json().path("items").get(0);
    }

    private Harness.Response report(String format) {
        var response = aftercare.agent("GET /api/shops/{shop}/metrics", Map.of("shop", SHOP),
                Map.of("from", "2026-11-01", "to", "2026-11-30", "period", "month", "format", format));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private void shippedOrder(String id, String email) {
        webhook("order.created", "o-" + id, """
                {"id": "%s", "created_at": "%s", "currency": "PLN", "total": "99.00",
                 "customer": {"email": "%s", "name": "Kim", "locale": "en"}, "lines": [{"title": "Teapot", "quantity": 1, "price": "99.00"}]}"""
                .formatted(id, aftercare.clock.instant(), email));
        webhook("fulfillment.created", "ship-" + id, """
                {"order_id": "%s", "fulfillment_id": "f-%s", "shipped_at": "%s", "tracking": {"company": "DPD", "number": "0001"}}"""
                .formatted(id, id, aftercare.clock.instant()));
    }

    private void parcel(String order, String status) {
        webhook("delivery.updated", "parcel-" + order, """
                {"order_id": "%s", "fulfillment_id": "f-%s", "status": "%s"}""".formatted(order, order, status));
    }

    private void complaint(String id, String order, String email, String message) {
        webhook("complaint.created", "evt-" + id, """
                {"id": "%s", "order_id": "%s", "subject": "My parcel", "message": "%s", "customer": {"email": "%s"}}"""
                .formatted(id, order, message, email));
    }

    private void webhook(String type, String id, String data) {
        var response = aftercare.generic(SHOP, aftercare.genericEvent(type, id, data));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private void at(String warsawTime) {
        aftercare.clock.set(warsaw(warsawTime));
    }

    private static Instant warsaw(String localTime) {
        return LocalDateTime.parse(localTime).atZone(WARSAW).toInstant();
    }
}
