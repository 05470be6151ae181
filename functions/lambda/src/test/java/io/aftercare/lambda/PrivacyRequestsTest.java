package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.StreamWorker;
import io.aftercare.devkit.TableStream;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Shopify's mandatory compliance webhooks (its own sample bodies, signed as Shopify signs them) and the admin API's
 * same requests, through the real handlers into DynamoDB Local, their jobs run by the sweep and the action worker
 * over ElasticMQ as in production, the table's stream folded by the aggregator.
 */
@TableStream
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class PrivacyRequestsTest {

    /** Shopify's samples are dated 2021-12-31T19:00:00-05:00: the test lives just after, so their orders get their emails. */
    private static final Instant JUST_AFTER_THE_SAMPLES = Instant.parse("2022-01-01T00:01:00Z");
    /** The customer Shopify's customers/redact and customers/data_request samples are about. */
    private static final String JOHN = "john@example.com";
    private static final String JOHNS_ORDER = "820982911946154508";
    /** The first order Shopify's redact sample names: here another customer's, which the erasure must leave alone. */
    private static final String NAMED_BUT_NOT_JOHNS = "299938";

    private static Harness aftercare;
    private static SesMailbox emails;
    private static StreamWorker stream;
    private static TestTable table;

    @BeforeAll
    static void start(TestTable testTable, SesMailbox ses) {
        table = testTable;
        emails = ses;
        aftercare = new Harness(testTable, JUST_AFTER_THE_SAMPLES, ses);
        stream = aftercare.aggregatorStream();
    }

    @Test
    void afterCustomersRedactNoItemOfTheShopHoldsTheCustomersAddressNameOrHashWhileTheirOrdersStillCountAndOthersAreUntouched() {
        String shop = shop("redact-a");
        String otherShop = shop("redact-b");
        johnsShopLife(shop);
        johnsShopLife(otherShop);
        order(shop, NAMED_BUT_NOT_JOHNS, "ola@example.pl", "Ola", "Nowak");
        aftercare.sweepAndWork();
        complaintFrom(shop, JOHN);
        stream.drain();
        String metricsBefore = metrics(shop).toString();
        List<Map<String, AttributeValue>> otherShopBefore = itemsOf(otherShop);

        var answer = aftercare.shopify(shop, Fixtures.shopify("customers-redact.json"), "customers/redact", "redact-1", aftercare.clock.instant());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isEqualTo("recorded");
        aftercare.sweepAndWork();
        stream.drain();

        String hash = new EmailAddress(JOHN).hash();
        List<String> held = new ArrayList<>();
        for (var item : itemsOf(shop)) {
            strings(item).stream().filter(holds(JOHN, "John", "Smith", hash)).forEach(text -> held.add(item.get("PK").s() + " " + item.get("SK").s() + ": " + text));
        }
        assertThat(held).as("items still about the customer").isEmpty();
        assertThat(metrics(shop).toString()).as("the day's counts are anonymous and stay").isEqualTo(metricsBefore);
        assertThat(metrics(shop).toString()).contains("\"orders\":2");
        assertThat(aftercare.order(shop, JOHNS_ORDER).path("lines")).isNotEmpty();
        assertThat(aftercare.order(shop, NAMED_BUT_NOT_JOHNS).path("customer").path("email").asText()).isEqualTo("ola@example.pl");
        assertThat(aftercare.agent("GET /api/shops/{shop}/customers/{email}", Map.of("shop", shop, "email", "ola@example.pl"), Map.of()).status())
                .isEqualTo(200);
        assertThat(itemsOf(otherShop)).as("the same customer in another shop").containsExactlyInAnyOrderElementsOf(otherShopBefore);
        assertThat(aftercare.auditTrail(shop)).anyMatch(s -> s.startsWith("shopify webhook customers/redact asked for a customer's data to be erased"))
                .anyMatch(s -> s.startsWith("A customer's data was erased")).noneMatch(s -> s.contains("@"));
    }

    @Test
    void anAddressThatComplainedStaysSuppressedAfterItsCustomerIsErased() {
        String shop = shop("redact-suppressed");
        johnsShopLife(shop);
        aftercare.sweepAndWork();
        complaintFrom(shop, JOHN);
        aftercare.shopify(shop, Fixtures.shopify("customers-redact.json"), "customers/redact");
        aftercare.sweepAndWork();
        int sentBefore = emailsTo(JOHN);

        order(shop, "820982911946154509", JOHN, "John", "Smith");
        aftercare.sweepAndWork();

        assertThat(emailsTo(JOHN)).as("no email to the address that complained").isEqualTo(sentBefore);
        assertThat(summaries(shop, "820982911946154509")).anyMatch(s -> s.startsWith("Thank-you email not sent") && s.contains("suppressed"));
    }

    @Test
    void aRedeliveredRedactIsOneRequestAndItsJobRunsOnce() {
        String shop = shop("redact-twice");
        johnsShopLife(shop);
        byte[] body = Fixtures.shopify("customers-redact.json");

        var first = aftercare.shopify(shop, body, "customers/redact", "redelivered-1", aftercare.clock.instant());
        var again = aftercare.shopify(shop, body, "customers/redact", "redelivered-1", aftercare.clock.instant());
        aftercare.sweepAndWork();
        var afterTheWork = aftercare.shopify(shop, body, "customers/redact", "redelivered-1", aftercare.clock.instant());

        assertThat(first.json().path("status").asText()).isEqualTo("recorded");
        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(afterTheWork.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(aftercare.auditTrail(shop).stream().filter(s -> s.contains("asked for a customer's data to be erased"))).hasSize(1);
        assertThat(aftercare.auditTrail(shop).stream().filter(s -> s.startsWith("A customer's data was erased"))).hasSize(1);
        assertThat(itemsOf(shop)).noneMatch(item -> strings(item).stream().anyMatch(holds(JOHN)));
    }

    @Test
    void aDataRequestExportsEverythingHeldAboutTheCustomerForTheShopsOwnersAndTheTrailSaysWhoAskedButNotWhom() {
        String shop = shop("data-request");
        johnsShopLife(shop);
        aftercare.sweepAndWork();

        var answer = aftercare.shopify(shop, Fixtures.shopify("customers-data-request.json"), "customers/data_request");
        assertThat(answer.json().path("status").asText()).isEqualTo("recorded");
        assertThat(export(shop, JOHN).status()).as("nothing until the job ran").isEqualTo(404);
        aftercare.sweepAndWork();

        var export = export(shop, JOHN);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.headers()).containsEntry("content-disposition", "attachment; filename=\"data-export.json\"");
        JsonNode data = export.json();
        assertThat(data.path("customer").toString()).contains(JOHN, "John Smith");
        assertThat(data.path("orders").path(JOHNS_ORDER).toString()).contains("Aviator sunglasses", "email-thank-you#" + JOHNS_ORDER + "-sent");
        assertThat(data.path("tickets").toString()).contains("The lounger arrived broken", "Broken lounger");
        assertThat(aftercare.auditTrail(shop)).anyMatch(s -> s.startsWith("shopify webhook customers/data_request asked for a customer's data"))
                .anyMatch(s -> s.startsWith("The data export of request")).noneMatch(s -> s.contains("@"));
    }

    @Test
    void shopRedactLeavesNoItemOfTheShopAndEveryItemOfAnother() {
        String shop = shop("gone");
        String kept = shop("kept");
        johnsShopLife(shop);
        johnsShopLife(kept);
        aftercare.sweepAndWork();
        List<Map<String, AttributeValue>> keptBefore = itemsOf(kept);

        var answer = aftercare.shopify(shop, Fixtures.shopify("shop-redact.json"), "shop/redact");
        assertThat(answer.json().path("status").asText()).isEqualTo("recorded");
        aftercare.sweepAndWork();

        assertThat(itemsOf(shop)).extracting(item -> item.get("PK").s() + " " + item.get("SK").s()).isEmpty();
        assertThat(table.allItems()).noneMatch(item -> item.get("PK").s().startsWith("ERASURE#" + shop));
        assertThat(itemsOf(kept)).containsExactlyInAnyOrderElementsOf(keptBefore);
    }

    @Test
    void aWooCommerceShopsOwnerErasesACustomerThroughTheAdminApiOnceHoweverOftenTheyAsk() {
        String shop = "privacy-woo";
        assertThat(aftercare.registerShop(shop, "woocommerce").status()).isEqualTo(201);
        aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", shop), """
                {"customer": {"email": "kasia@example.com", "name": "Kasia Wiśniewska"}, "subject": "Where is my kettle", "message": "Kasia here"}""");
        String body = """
                {"email": "kasia@example.com", "requestId": "gdpr-2026-0042"}""";

        var first = aftercare.admin("POST /admin/shops/{shop}/privacy/customer-erasures", Map.of("shop", shop), body);
        var again = aftercare.admin("POST /admin/shops/{shop}/privacy/customer-erasures", Map.of("shop", shop), body);
        aftercare.sweepAndWork();

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(itemsOf(shop)).noneMatch(item -> strings(item).stream().anyMatch(holds("kasia@example.com", "Kasia", "Wiśniewska")));
        assertThat(aftercare.auditTrail(shop)).anyMatch(s -> s.startsWith("the admin API asked for a customer's data to be erased (request gdpr-2026-0042)"));
    }

    @Test
    void anAdminRequestWithoutAnAddressIsRefusedAndWritesNothing() {
        String shop = "privacy-generic";
        assertThat(aftercare.registerShop(shop, "generic").status()).isEqualTo(201);
        int items = table.itemCount();

        var missing = aftercare.admin("POST /admin/shops/{shop}/privacy/data-requests", Map.of("shop", shop), "{}");
        var notAnAddress = aftercare.admin("POST /admin/shops/{shop}/privacy/customer-erasures", Map.of("shop", shop), """
                {"email": "not an address"}""");
        var unknownField = aftercare.admin("POST /admin/shops/{shop}/privacy/shop-erasure", Map.of("shop", shop), """
                {"everything": true}""");

        assertThat(List.of(missing.status(), notAnAddress.status(), unknownField.status())).containsOnly(400);
        assertThat(table.itemCount()).isEqualTo(items);
    }

    // ---- a shop's life with John in it ----

    private static String shop(String name) {
        String shop = "privacy-" + name;
        assertThat(aftercare.registerShop(shop, "shopify").status()).isEqualTo(201);
        return shop;
    }

    /** John's order (Shopify's sample, standing, with the customer's own address as the order's), his profile and a complaint ticket. */
    private static void johnsShopLife(String shop) {
        order(shop, JOHNS_ORDER, JOHN, "John", "Smith");
        var ticket = aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", shop), """
                {"customer": {"email": "john@example.com", "name": "John Smith"}, "subject": "Broken lounger",
                 "message": "The lounger arrived broken", "orderId": "%s"}""".formatted(JOHNS_ORDER));
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
    }

    private static void order(String shop, String id, String email, String first, String last) {
        // the sample is cancelled (it is also Shopify's orders/cancelled body): here it stands, so its emails are due
        String order = new String(Fixtures.shopify("orders-create.json"), StandardCharsets.UTF_8)
                .replace("\"cancel_reason\": \"customer\"", "\"cancel_reason\": null").replace("\"cancelled_at\": \"2021-12-31T19:00:00-05:00\"", "\"cancelled_at\": null")
                .replace(JOHNS_ORDER, id).replace("jon@example.com", email).replace("john@example.com", email)
                .replace("\"John\"", "\"" + first + "\"").replace("\"Smith\"", "\"" + last + "\"").replace("John Smith", first + " " + last);
        var answer = aftercare.shopify(shop, order.getBytes(StandardCharsets.UTF_8), "orders/create");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** SES's sample complaint, about an email of this shop to {@code address}. */
    private static void complaintFrom(String shop, String address) {
        String complaint = new String(Fixtures.ses("complaint.json"), StandardCharsets.UTF_8)
                .replace("annoyed@example.com", address).replace("\"kettle-house\"", "\"" + shop + "\"")
                .replace("450789469", JOHNS_ORDER);
        var record = new com.amazonaws.services.lambda.runtime.events.SNSEvent.SNSRecord();
        var sns = new com.amazonaws.services.lambda.runtime.events.SNSEvent.SNS();
        sns.setMessage(complaint);
        record.setSns(sns);
        var event = new com.amazonaws.services.lambda.runtime.events.SNSEvent();
        event.setRecords(List.of(record));
        assertThat(new SesEventHandler(aftercare.app).handleRequest(event, null)).isEqualTo(1);
    }

    // ---- reading back ----

    /** Every item of the shop, and every item outside all shops (a cursor, a sign-in link): a scan, as only tests may. */
    private static List<Map<String, AttributeValue>> itemsOf(String shop) {
        return table.allItems().stream().filter(item -> {
            String pk = item.get("PK").s();
            return pk.equals("SHOP#" + shop) || pk.startsWith("SHOP#" + shop + "#");
        }).toList();
    }

    /** Every string an item holds, in every attribute, nested maps and lists and sets included, and its keys. */
    private static List<String> strings(Map<String, AttributeValue> item) {
        List<String> strings = new ArrayList<>();
        item.forEach((name, value) -> collect(value, strings));
        return strings;
    }

    private static void collect(AttributeValue value, List<String> into) {
        if (value.s() != null) {
            into.add(value.s());
        }
        if (value.b() != null) {
            into.add(value.b().asUtf8String());
        }
        if (value.hasSs()) {
            into.addAll(value.ss());
        }
        if (value.hasM()) {
            value.m().forEach((name, inner) -> {
                into.add(name);
                collect(inner, into);
            });
        }
        if (value.hasL()) {
            value.l().forEach(inner -> collect(inner, into));
        }
    }

    private static Predicate<String> holds(String... texts) {
        return text -> List.of(texts).stream().anyMatch(t -> text.toLowerCase(java.util.Locale.ROOT).contains(t.toLowerCase(java.util.Locale.ROOT)));
    }

    private static JsonNode metrics(String shop) {
        var response = aftercare.agent("GET /api/shops/{shop}/metrics", Map.of("shop", shop), Map.of("from", "2022-01-01", "to", "2022-01-01", "period", "day"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static Harness.Response export(String shop, String email) {
        return aftercare.agent("GET /api/shops/{shop}/customers/{email}/data-export", Map.of("shop", shop, "email", email), Map.of());
    }

    private static List<String> summaries(String shop, String order) {
        List<String> summaries = new ArrayList<>();
        aftercare.orderTimeline(shop, order).path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }

    private static int emailsTo(String address) {
        return (int) emails.emails().stream().filter(email -> email.to().contains(address)).count();
    }
}
