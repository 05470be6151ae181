package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.HostileTemplates;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.TemplateOverride;
import io.aftercare.domain.shop.Language;
import io.aftercare.dynamodb.DynamoTemplateOverrides;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Shops' own templates through the admin API and out through the action worker to the SES emulator. */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class ShopTemplateApiTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String PUT = "PUT /admin/shops/{shop}/templates/{kind}/{language}";
    private static Harness aftercare;
    private static SesMailbox ses;

    @BeforeAll
    static void start(TestTable table, SesMailbox mailbox) {
        ses = mailbox;
        aftercare = new Harness(table, NOW, mailbox);
    }

    @Test
    void givenEveryHostileTemplate_whenSaved_thenEachIsA400NamingTheFieldAndTheProblemAndNothingIsWritten() {
        aftercare.registerShop("hostile-templates", "generic");
        int items = aftercare.table.itemCount();

        assertThat(HostileTemplates.ALL).hasSize(66).allSatisfy(hostile -> {
            var refused = aftercare.admin(PUT, Map.of("shop", "hostile-templates", "kind", hostile.kind(), "language", "en"),
                    HostileTemplates.json(hostile));
            assertThat(refused.status()).as(hostile.source()).isEqualTo(400);
            assertThat(refused.json().path("error").asText()).as(hostile.source()).isEqualTo("invalid_request");
            assertThat(refused.json().path("field").asText()).as(hostile.source()).isEqualTo(hostile.field());
            assertThat(refused.json().path("message").asText()).as(hostile.source()).contains(hostile.refusal());
        });
        assertThat(aftercare.table.itemCount()).isEqualTo(items);
        assertThat(aftercare.admin("GET /admin/shops/{shop}/templates", Map.of("shop", "hostile-templates"), "").json().path("items")).isEmpty();
    }

    @Test
    void givenATemplateForAComplaintEmail_whenSaved_thenTheKindIsRefused() {
        aftercare.registerShop("ticket-templates", "generic");

        var refused = aftercare.admin(PUT, Map.of("shop", "ticket-templates", "kind", "ticket-ack", "language", "en"),
                "{\"subject\": \"Hi\", \"html\": \"<p>Hi</p>\", \"text\": \"Hi\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("kind");
        String message = refused.json().path("message").asText();
        assertThat(message).startsWith("kind must be thank-you, check-in").doesNotContain("ticket-ack");
        EmailKind.overridableKinds().forEach(kind -> assertThat(message).as("names every kind a shop may word").contains(kind.slug()));
    }

    @Test
    void givenAComplaintEmailsTemplateStoredBeforeTheApiRefusedIt_whenTheTemplatesAreListed_thenOnlyTheOverridableOnesAndTheirKindsAreShown() {
        aftercare.registerShop("stale-templates", "generic");
        aftercare.admin(PUT, Map.of("shop", "stale-templates", "kind", "survey", "language", "ro"),
                "{\"subject\": \"Cum a fost?\", \"html\": \"<p>{{order}}</p>\", \"text\": \"{{order}}\"}");
        aftercare.table.client().putItem(b -> b.tableName(aftercare.table.name()).item(Map.of(
                "PK", AttributeValue.fromS("SHOP#stale-templates"), "SK", AttributeValue.fromS("TEMPLATE#ticket-ack#en"),
                "type", AttributeValue.fromS("TEMPLATE"), "kind", AttributeValue.fromS("ticket-ack"), "language", AttributeValue.fromS("en"),
                "subject", AttributeValue.fromS("Hi"), "html", AttributeValue.fromS("<p>Hi</p>"), "text", AttributeValue.fromS("Hi"))));

        var listed = aftercare.admin("GET /admin/shops/{shop}/templates", Map.of("shop", "stale-templates"), "").json();

        assertThat(listed.path("items")).hasSize(1);
        assertThat(listed.path("items").get(0).path("kind").asText()).isEqualTo("survey");
        assertThat(listed.path("kinds")).extracting(JsonNode::asText).startsWith("thank-you", "check-in", "survey")
                .containsExactlyElementsOf(EmailKind.overridableKinds().stream().map(EmailKind::slug).toList());
    }

    @Test
    void givenAHostileCheckInStoredStraightInTheTable_whenTheCheckInIsSent_thenTheSignatureAndUnsubscribeFooterStayVisibleAndNoMarkupArrives() {
        aftercare.registerShop("stored-hostile", "generic");
        aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "stored-hostile"), "{\"branding\": {\"signature\": \"Ola, Kettle House\"}}");
        new DynamoTemplateOverrides(aftercare.table.client(), aftercare.table.name()).save(new ShopId("stored-hostile"),
                new TemplateOverride(EmailKind.CHECK_IN, Language.EN, "About {{{product}}}",
                        "<div style=\"display:none\"><p>{{{product}}} for {{&name}}</p><script>steal()</script>{{>footer}}<!--",
                        "{{{product}}}{{brand.bytes}}"));
        var order = aftercare.generic("stored-hostile", """
                {"schema": "aftercare.webhook.v1", "id": "evt-SH-1", "type": "order.created", "occurred_at": "%1$s",
                 "data": {"id": "SH-1", "number": "#SH-1", "created_at": "%1$s", "currency": "EUR", "total": "20.00",
                 "customer": {"email": "stored-hostile@example.com", "name": "<b>Eve</b> Smith", "locale": "en"},
                 "lines": [{"title": "Kettle</td><script>x</script>", "quantity": 1, "price": "20.00"}]}}""".formatted(NOW));
        assertThat(order.status()).isEqualTo(200);
        aftercare.sweepAndWork();

        aftercare.clock.advance(Duration.ofDays(60).plusMinutes(1));
        aftercare.sweepAndWork();

        var checkIn = ses.emailsTo("stored-hostile@example.com").stream().filter(e -> e.subject().startsWith("About")).findFirst().orElseThrow();
        var html = Jsoup.parse(checkIn.html());
        String unsubscribe = checkIn.header("List-Unsubscribe").replaceAll("[<>]", "");
        Element link = html.selectFirst("a[href=" + unsubscribe + "]");
        Element signature = html.getElementsContainingOwnText("Ola, Kettle House").first();
        assertThat(link).isNotNull();
        assertThat(signature).isNotNull();
        assertThat(link.parents()).noneMatch(e -> e.attr("style").contains("display:none"));
        assertThat(signature.parents()).noneMatch(e -> e.attr("style").contains("display:none"));
        assertThat(html.select("script")).isEmpty();
        assertThat(checkIn.html()).contains("<p>Kettle&lt;/td&gt;&lt;script&gt;x&lt;/script&gt; for &lt;b&gt;Eve&lt;/b&gt;</p>")
                .doesNotContain("<!--", "steal()");
        assertThat(checkIn.subject()).isEqualTo("About Kettle</td><script>x</script>");
        assertThat(checkIn.text()).startsWith("Kettle</td><script>x</script>\n").contains("Ola, Kettle House", unsubscribe)
                .doesNotContain("[B@");
    }
}
