package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.TestTable;
import io.aftercare.devkit.WebhookSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbExtension.class)
class AdminApiTest {

    private static Harness aftercare;

    @BeforeAll
    static void start(TestTable table) {
        aftercare = new Harness(table, Instant.parse("2022-01-01T00:01:00Z"));
    }

    @Test
    void givenARegistration_whenTheShopIsShown_thenItsSettingsAndDefaultsComeBackButNeverItsSecret() {
        var registered = aftercare.registerShop("shown-shop", "shopify");
        var shown = aftercare.admin("GET /admin/shops/{shop}", Map.of("shop", "shown-shop"), "");

        assertThat(registered.status()).isEqualTo(201);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("checkInDays").asInt()).isEqualTo(60);
        assertThat(shown.json().path("surveyDelayDays").asInt()).isEqualTo(7);
        assertThat(shown.json().path("webhookPath").asText()).isEqualTo("/webhooks/shopify/shown-shop");
        assertThat(shown.json().path("webhookSecret").path("configured").asBoolean()).isTrue();
        assertThat(registered.body() + shown.body()).doesNotContain(Harness.SECRET);
    }

    @Test
    void givenATakenId_whenRegisteredAgain_thenItConflicts() {
        aftercare.registerShop("taken-shop", "shopify");

        assertThat(aftercare.registerShop("taken-shop", "woocommerce").status()).isEqualTo(409);
    }

    @Test
    void givenAnUpdate_whenPatched_thenOnlyTheGivenSettingsChangeAndTheVersionMovesOn() {
        aftercare.registerShop("patched-shop", "generic");

        var patched = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "patched-shop"),
                "{\"checkInDays\": 75, \"thankYouDiscount\": {\"prefix\": \"DANKE-\", \"percent\": 15}}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("checkInDays").asInt()).isEqualTo(75);
        assertThat(patched.json().path("thankYouDiscount").path("prefix").asText()).isEqualTo("DANKE-");
        assertThat(patched.json().path("brandName").asText()).isEqualTo("Kettle House");
        assertThat(patched.json().path("version").asInt()).isEqualTo(2);
    }

    @Test
    void givenTextFieldsWithWhitespaceAround_whenPatched_thenItIsStrippedEvenUnicodeSpacesAndABlankOneLeavesTheSettingAsItWas() {
        aftercare.registerShop("spaced-shop", "generic");

        var patched = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "spaced-shop"),
                "{\"brandName\": \"\u2003Herbaciarnia \u017b\u00f3\u0142w\\t\", \"timeZone\": \"  \", \"branding\": {\"signature\": \" Ola \"}}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("brandName").asText()).isEqualTo("Herbaciarnia \u017b\u00f3\u0142w");
        assertThat(patched.json().path("timeZone").asText()).isEqualTo("Europe/Warsaw");
        assertThat(patched.json().path("branding").path("signature").asText()).isEqualTo("Ola");
    }

    @Test
    void givenInvalidSettings_whenRegisteredOrPatched_thenA400NamesTheFieldAndNothingIsWritten() {
        int items = aftercare.table.itemCount();

        var typo = aftercare.admin("POST /admin/shops", Map.of(), "{\"id\": \"typo-shop\", \"checkinDays\": 3}");
        var badZone = aftercare.admin("POST /admin/shops", Map.of(), """
                {"id": "zone-shop", "platform": "shopify", "webhookSecret": "0123456789abcdef0", "brandName": "B",
                 "senderEmail": "a@b.example", "timeZone": "Mars/Olympus"}""");
        var shortSecret = aftercare.admin("POST /admin/shops", Map.of(), """
                {"id": "short-shop", "platform": "shopify", "webhookSecret": "short", "brandName": "B", "senderEmail": "a@b.example"}""");
        var notJson = aftercare.admin("POST /admin/shops", Map.of(), "id=x");

        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().path("field").asText()).isEqualTo("checkinDays");
        assertThat(badZone.json().path("field").asText()).isEqualTo("timeZone");
        assertThat(shortSecret.json().path("field").asText()).isEqualTo("webhookSecret");
        assertThat(notJson.json().path("error").asText()).isEqualTo("malformed_json");
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
    }

    @Test
    void givenSupportSettingsTypedLooselyOrShapedWrong_whenPatched_thenA400NamesTheFieldAndNothingIsWritten() {
        aftercare.registerShop("loose-support-shop", "generic");
        var shop = Map.of("shop", "loose-support-shop");
        int items = aftercare.table.itemCount();
        // each was read as something else before (a string or a fraction as a number, a number as a prefix, a text as no contacts)
        Map<String, String> refused = Map.ofEntries(
                Map.entry("{\"goodwill\": {\"prefix\": \"SORRY-\", \"percent\": \"15\"}}", "support.goodwill.percent"),
                Map.entry("{\"goodwill\": {\"prefix\": \"SORRY-\", \"percent\": 15.5}}", "support.goodwill.percent"),
                Map.entry("{\"goodwill\": {\"prefix\": 123, \"percent\": 15}}", "support.goodwill.prefix"),
                Map.entry("{\"goodwill\": {\"percent\": 15}}", "support.goodwill.prefix"),
                Map.entry("{\"goodwill\": \"SORRY-\"}", "support.goodwill"),
                Map.entry("{\"escalation\": [{\"level\": 1, \"afterMinutes\": 60, \"contacts\": \"team@shop.example\"}]}", "support.escalation.contacts"),
                Map.entry("{\"escalation\": [{\"level\": 1, \"afterMinutes\": 60, \"contacts\": [\"team@shop.example\", 7]}]}", "support.escalation.contacts"),
                Map.entry("{\"escalation\": [{\"level\": \"1\", \"afterMinutes\": 60, \"contacts\": []}]}", "support.escalation.level"),
                Map.entry("{\"escalation\": [{\"level\": 1, \"afterMinutes\": 60.5, \"contacts\": []}]}", "support.escalation.afterMinutes"),
                Map.entry("{\"escalation\": {\"level\": 1}}", "support.escalation"),
                Map.entry("{\"repeatWithinDays\": \"30\"}", "support.repeatWithinDays"),
                Map.entry("{\"sla\": {\"normal\": {\"firstResponseMinutes\": \"120\"}}}", "support.sla.firstResponseMinutes"),
                Map.entry("{\"aroundTheClock\": \"yes\"}", "support.aroundTheClock"));

        refused.forEach((support, field) -> {
            var patched = aftercare.admin("PATCH /admin/shops/{shop}", shop, "{\"support\": " + support + "}");

            assertThat(patched.status()).as(support).isEqualTo(400);
            assertThat(patched.json().path("field").asText()).as(support).isEqualTo(field);
        });
        var thankYou = aftercare.admin("PATCH /admin/shops/{shop}", shop, "{\"thankYouDiscount\": {\"prefix\": \"DANKE-\", \"percent\": \"15\"}}");
        assertThat(thankYou.json().path("field").asText()).isEqualTo("thankYouDiscount.percent");
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
        assertThat(aftercare.admin("GET /admin/shops/{shop}", shop, "").json().path("version").asInt()).isEqualTo(1);
    }

    @Test
    void givenNoOrAWrongAdminToken_whenCalled_thenItIsUnauthorized() {
        var noToken = Harness.event("GET /admin/shops", Map.of(), Map.of(), new byte[0]);
        var wrongToken = Harness.event("GET /admin/shops", Map.of(), Map.of("Authorization", "Bearer nope"), new byte[0]);

        assertThat(new AdminHandler(aftercare.app).handleRequest(noToken, null).getStatusCode()).isEqualTo(401);
        assertThat(new AdminHandler(aftercare.app).handleRequest(wrongToken, null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void givenASecretRotation_whenDeliveriesArriveSignedWithEitherSecret_thenBothAreAcceptedUntilTheOverlapEnds() {
        aftercare.registerShop("rotating-shop", "shopify");
        var rotated = aftercare.admin("POST /admin/shops/{shop}/webhook-secret", Map.of("shop", "rotating-shop"),
                "{\"webhookSecret\": \"the-new-secret-0123456789\", \"previousValidForHours\": 1}");
        assertThat(rotated.json().path("webhookSecret").path("previousValidUntil").asText()).isEqualTo("2022-01-01T01:01:00Z");
        byte[] body = Fixtures.shopify("customers-create.json");

        var withOld = aftercare.webhook("shopify", "rotating-shop",
                WebhookSigner.shopify(Harness.SECRET, body, "customers/create", "old-1", Instant.EPOCH), body);
        var withNew = aftercare.webhook("shopify", "rotating-shop",
                WebhookSigner.shopify("the-new-secret-0123456789", body, "customers/create", "new-1", Instant.EPOCH), body);
        aftercare.clock.advance(Duration.ofHours(2));
        // two hours on: the overlap is over (and the 60 s shop cache too)
        var oldAfterWindow = aftercare.webhook("shopify", "rotating-shop",
                WebhookSigner.shopify(Harness.SECRET, body, "customers/create", "old-2", Instant.EPOCH), body);

        assertThat(withOld.status()).isEqualTo(200);
        assertThat(withNew.status()).isEqualTo(200);
        assertThat(oldAfterWindow.status()).isEqualTo(401);
    }

    @Test
    void givenSeveralShops_whenListedWithASmallLimit_thenPagesFollowEachOther() {
        for (int i = 0; i < 3; i++) {
            aftercare.registerShop("paged-shop-" + i, "shopify");
        }
        var first = new AdminHandler(aftercare.app).handleRequest(listing(Map.of("limit", "2")), null);
        assertThat(first.getStatusCode()).isEqualTo(200);
        String token = new Harness.Response(first).json().path("nextPageToken").asText();

        var second = new AdminHandler(aftercare.app).handleRequest(listing(Map.of("limit", "2", "pageToken", token)), null);

        assertThat(new Harness.Response(second).json().path("items")).isNotEmpty();
        var forged = new AdminHandler(aftercare.app).handleRequest(listing(Map.of("pageToken", "Zm9yZ2Vk")), null);
        assertThat(forged.getStatusCode()).isEqualTo(400);
    }

    @Test
    void givenAShopsOwnTemplate_whenSavedListedAndDeleted_thenEachStepAnswersAndABrokenOneIsRefused() {
        aftercare.registerShop("templated-shop", "shopify");
        var path = Map.of("shop", "templated-shop", "kind", "thank-you", "language", "pl");

        var broken = aftercare.admin("PUT /admin/shops/{shop}/templates/{kind}/{language}", path,
                "{\"subject\": \"Dzięki {{name}}\", \"html\": \"{{#lines}}\", \"text\": \"x\"}");
        var saved = aftercare.admin("PUT /admin/shops/{shop}/templates/{kind}/{language}", path,
                "{\"subject\": \"Dzięki {{name}}\", \"html\": \"<p>{{order}}</p>\", \"text\": \"{{order}}\"}");
        var listed = aftercare.admin("GET /admin/shops/{shop}/templates", Map.of("shop", "templated-shop"), "");
        var deleted = aftercare.admin("DELETE /admin/shops/{shop}/templates/{kind}/{language}", path, "");
        var deletedAgain = aftercare.admin("DELETE /admin/shops/{shop}/templates/{kind}/{language}", path, "");

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("field").asText()).isEqualTo("html");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(listed.json().path("items").get(0).path("subject").asText()).isEqualTo("Dzięki {{name}}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deletedAgain.status()).isEqualTo(404);
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent listing(Map<String, String> query) {
        var event = Harness.event("GET /admin/shops", Map.of(), Map.of("Authorization", "Bearer " + Harness.ADMIN_TOKEN), new byte[0]);
        event.setQueryStringParameters(query);
        return event;
    }
}
