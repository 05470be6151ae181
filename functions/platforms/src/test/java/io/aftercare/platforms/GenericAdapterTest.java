package io.aftercare.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.Limits;
import io.aftercare.domain.Money;
import io.aftercare.domain.event.OrderUpdate;
import io.aftercare.domain.order.OrderFact;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.webhook.MalformedDelivery;
import io.aftercare.domain.webhook.ParsedDelivery;
import io.aftercare.platforms.generic.GenericAdapter;
import java.time.ZoneOffset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericAdapterTest {

    private static final String SECRET = "generic-secret-0123456789";

    private final GenericAdapter adapter = new GenericAdapter();

    @Test
    void givenAnOrderCreatedEvent_whenParsed_thenTheOrderIsPlacedAndPaidForItsCustomer() {
        OrderUpdate update = order(event("order.created", """
                {"id": "1042", "number": "#1042", "created_at": "2026-11-20T09:00:00+01:00", "paid_at": "2026-11-20T09:01:00+01:00",
                 "currency": "PLN", "total": "129.90",
                 "customer": {"email": "Ola@Example.PL", "name": "Ola", "locale": "pl"},
                 "lines": [{"title": "Kettle", "quantity": 1, "price": "129.90"}]}"""));

        assertThat(update.announcesNewOrder()).isTrue();
        assertThat(update.snapshot().orElseThrow().total()).isEqualTo(Money.of("129.90", "PLN"));
        assertThat(update.customer()).get().extracting(e -> e.value()).isEqualTo("ola@example.pl");
        assertThat(update.facts()).extracting(OrderFact::key).containsExactly("placed", "paid");
    }

    @Test
    void givenADeliveryUpdate_whenParsed_thenTheParcelProgressesAtTheEventsTime() {
        OrderUpdate update = order(event("delivery.updated",
                "{\"order_id\": \"1042\", \"fulfillment_id\": \"1042-1\", \"status\": \"delivered\", \"customer_email\": \"ola@example.pl\"}"));

        assertThat(update.facts()).singleElement().isInstanceOfSatisfying(OrderFact.ShipmentProgressed.class,
                s -> assertThat(s.status()).isEqualTo(ShipmentStatus.DELIVERED));
        assertThat(update.customerEmail()).isPresent();
    }

    @Test
    void givenAnUnknownShipmentStatus_whenParsed_thenTheErrorListsTheAllowedOnes() {
        assertThatThrownBy(() -> parse(event("delivery.updated", "{\"order_id\": \"1\", \"fulfillment_id\": \"1\", \"status\": \"teleported\"}")))
                .isInstanceOf(MalformedDelivery.class)
                .hasMessageContaining("Field 'status' must be one of")
                .hasMessageContaining("delivered");
    }

    @Test
    void givenARefundWithoutAnAmount_whenParsed_thenTheErrorNamesTheField() {
        assertThatThrownBy(() -> parse(event("refund.created", "{\"order_id\": \"1\", \"refund_id\": \"r1\", \"currency\": \"EUR\"}")))
                .isInstanceOf(MalformedDelivery.class)
                .hasMessage("Field 'amount' is required.");
    }

    @Test
    void givenAnotherSchemaVersion_whenParsed_thenItIsRefusedSayingWhichOneIsRead() {
        byte[] body = "{\"schema\": \"aftercare.webhook.v9\", \"id\": \"e\", \"type\": \"order.created\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedDelivery.class).hasMessageContaining("aftercare.webhook.v1");
    }

    @Test
    void givenAnUnusedType_whenParsed_thenItIsIgnored() {
        assertThat(parse(event("product.updated", "{}")).event()).isEmpty();
    }

    @Test
    void givenTheSignatureAsDocumented_whenVerified_thenItMatchesAndAnUnprefixedOneDoesNot() {
        byte[] body = event("order.paid", "{}");
        String signature = WebhookSigner.generic(SECRET, body).get("X-Aftercare-Signature");

        assertThat(adapter.signatureMatches(Deliveries.of("generic", Map.of("X-Aftercare-Signature", signature), body), new Secret(SECRET))).isTrue();
        assertThat(adapter.signatureMatches(Deliveries.of("generic", Map.of("X-Aftercare-Signature", signature.substring(7)), body), new Secret(SECRET))).isFalse();
        assertThat(GenericAdapter.signature(SECRET.getBytes(StandardCharsets.UTF_8), body)).isEqualTo(signature);
    }

    @Test
    void givenEverySampleEventShippedForTheGenericFormat_whenParsed_thenEachIsUnderstood() throws IOException {
        try (var files = Files.list(RepositoryRoot.find().resolve("infrastructure/events/webhooks/generic"))) {
            for (var file : files.toList()) {
                byte[] body = Files.readString(file).replace("${ORDER_ID}", "5001").replace("${ORDER_NUMBER}", "5001")
                        .replaceAll("\\$\\{NOW(-\\d+m)?}", "2026-11-23T10:00:00Z").getBytes(StandardCharsets.UTF_8);
                assertThat(parse(body).event()).as(file.getFileName().toString()).isPresent();
            }
        }
    }

    @Test
    void givenThePublishedSchema_whenComparedWithTheCode_thenTheyListTheSameTypesAndDeliveryStatuses() throws IOException {
        var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                GenericAdapter.class.getResourceAsStream("generic-webhook-v1.schema.json"));

        assertThat(schema.path("properties").path("type").path("enum")).extracting(n -> n.asText())
                .containsExactlyElementsOf(GenericAdapter.TYPES);
        assertThat(schema.path("$defs").path("delivery").path("properties").path("status").path("enum")).extracting(n -> n.asText())
                .containsExactlyElementsOf(ShipmentStatus.reported().map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).toList());
        assertThat(schema.path("properties").path("schema").path("const").asText()).isEqualTo(GenericAdapter.SCHEMA);
    }

    @Test
    void givenThePublishedSchema_whenItsLengthsAreReadAsCharactersOfUpToFourBytes_thenTheyAreTheCodesByteLimits() throws IOException {
        var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                GenericAdapter.class.getResourceAsStream("generic-webhook-v1.schema.json"));
        var defs = schema.path("$defs");

        assertThat(schema.path("properties").path("id").path("maxLength").asInt() * 4).isEqualTo(Limits.DELIVERY_ID_BYTES);
        assertThat(defs.path("platformId").path("maxLength").asInt() * 4).isEqualTo(Limits.ID_BYTES);
        assertThat(defs.path("text").path("maxLength").asInt() * 4).isEqualTo(Limits.TEXT_BYTES);
        assertThat(defs.path("complaint").path("properties").path("subject").path("maxLength").asInt() * 4).isEqualTo(Limits.SUBJECT_BYTES);
        assertThat(defs.path("complaint").path("properties").path("message").path("maxLength").asInt() * 4).isEqualTo(Limits.MESSAGE_BYTES);
        assertThat(defs.path("complaintMessage").path("properties").path("message").path("maxLength").asInt() * 4).isEqualTo(Limits.MESSAGE_BYTES);
        // every free string is bounded, but for the line title, which is shortened instead
        List<String> unbounded = new java.util.ArrayList<>();
        schema.findParents("type").forEach(node -> {
            if (node.path("type").asText().equals("string") && !node.has("maxLength") && !node.has("pattern") && !node.has("enum") && !node.has("format")) {
                unbounded.add(node.path("description").asText());
            }
        });
        assertThat(unbounded).singleElement().asString().contains("1,000 bytes");
    }

    private OrderUpdate order(byte[] body) {
        return (OrderUpdate) parse(body).event().orElseThrow();
    }

    private ParsedDelivery parse(byte[] body) {
        return adapter.parse(Deliveries.of("generic", WebhookSigner.generic(SECRET, body), body), ZoneOffset.UTC);
    }

    private static byte[] event(String type, String data) {
        return ("{\"schema\": \"aftercare.webhook.v1\", \"id\": \"evt-" + type + "\", \"type\": \"" + type
                + "\", \"occurred_at\": \"2026-11-21T10:00:00Z\", \"data\": " + data + "}").getBytes(StandardCharsets.UTF_8);
    }
}
