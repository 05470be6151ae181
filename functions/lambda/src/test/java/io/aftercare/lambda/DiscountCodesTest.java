package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.devkit.CapturedOutput;
import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.ShopApiServer;
import io.aftercare.devkit.ShopApiServer.Answer;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.TimelineEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Codes made in the shop before the thank-you promises them, end to end: webhook, sweep, action, Shopify's API (local), SES (emulator). */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class DiscountCodesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TOKEN = "shpat_0123456789abcdef0123456789abcdef";
    private static final String CREATED = "{\"data\":{\"discountCodeBasicCreate\":{\"codeDiscountNode\":{\"id\":\"gid://shopify/DiscountCodeNode/1\"},"
            + "\"userErrors\":[]}}}";
    private static final String FAR_THROTTLED = "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\"}}],"
            + "\"extensions\":{\"cost\":{\"requestedQueryCost\":12,\"actualQueryCost\":null,\"throttleStatus\":{\"maximumAvailable\":100.0,"
            + "\"currentlyAvailable\":0,\"restoreRate\":1.0}}}}";
    private static final Pattern CODE = Pattern.compile("THANKS-[A-Z2-9]{8}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Harness aftercare;
    private static SesMailbox ses;
    private static ShopApiServer shopify;

    @BeforeAll
    static void start(TestTable table, SesMailbox mailbox) {
        ses = mailbox;
        aftercare = new Harness(table, NOW, mailbox);
        shopify = aftercare.shopApis();
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    @Test
    void givenShopifyThrottlesTheFirstTry_whenTheActionIsRetried_thenOneCodeIsMadeWithTheSameNameAndTheEmailCarriesIt() throws IOException {
        shop("retried");
        shopify.answer(Answer.json(200, FAR_THROTTLED), Answer.json(200, CREATED));
        int before = shopify.received().size();
        order("retried", 5001, "retry-buyer@example.com", List.of());

        aftercare.sweepAndWork();
        assertThat(ses.emailsTo("retry-buyer@example.com")).as("no email before the code exists").isEmpty();
        aftercare.clock.advance(Duration.ofMinutes(6)); // the claim's lease runs out: the next sweep claims it again
        aftercare.sweepAndWork();
        aftercare.clock.advance(Duration.ofMinutes(6));
        aftercare.sweepAndWork();

        var requests = shopify.received().subList(before, shopify.received().size());
        assertThat(requests).hasSize(2);
        String first = JSON.readTree(requests.get(0).body()).at("/variables/basicCodeDiscount/code").asText();
        String second = JSON.readTree(requests.get(1).body()).at("/variables/basicCodeDiscount/code").asText();
        assertThat(second).as("a retry names the same code").isEqualTo(first).matches(CODE);
        assertThat(requests.get(1).header("X-Shopify-Access-Token")).isEqualTo(TOKEN);
        var emails = ses.emailsTo("retry-buyer@example.com");
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).html()).contains(first);
        assertThat(summaries("retried", "5001")).contains("Discount code " + first + " issued (10% off)");
    }

    @Test
    void givenARevokedToken_whenTheThankYouIsSent_thenItGoesWithoutACodeAndTheTimelineSaysWhy() {
        shop("revoked");
        shopify.answer(Answer.json(401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}"));
        order("revoked", 5002, "revoked-buyer@example.com", List.of());

        aftercare.sweepAndWork();

        var emails = ses.emailsTo("revoked-buyer@example.com");
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).html()).doesNotContain("THANKS-");
        assertThat(emails.get(0).text()).doesNotContain("THANKS-");
        assertThat(summaries("revoked", "5002")).contains("Thank-you email: sent without its code, the shop refused to create it "
                + "(Shopify refused the Admin API access token (401): it was revoked, or the app lacks the write_discounts scope)")
                .noneMatch(s -> s.contains(TOKEN));
    }

    @Test
    void givenAnOrderPlacedWithACodeAftercareSent_whenItArrives_thenBothOrdersTimelinesSayItWasRedeemed() throws IOException {
        shop("redeeming");
        shopify.answer(Answer.json(200, CREATED));
        order("redeeming", 5003, "loyal-buyer@example.com", List.of());
        aftercare.sweepAndWork();
        var matcher = CODE.matcher(ses.emailsTo("loyal-buyer@example.com").get(0).html());
        assertThat(matcher.find()).isTrue();
        String code = matcher.group();

        // typed at checkout in lower case; Shopify matches codes regardless of case
        order("redeeming", 5004, "loyal-buyer@example.com", List.of(code.toLowerCase(java.util.Locale.ROOT), "SUMMER10"));

        assertThat(summaries("redeeming", "5004")).contains("Discount code " + code + " from Aftercare redeemed with this order");
        assertThat(summaries("redeeming", "5003")).contains("Discount code " + code + " sent here was redeemed with order #5004");
        // the same delivery again records nothing new
        order("redeeming", 5004, "loyal-buyer@example.com", List.of(code));
        assertThat(summaries("redeeming", "5003")).filteredOn(s -> s.contains("redeemed")).hasSize(1);
        // on the customer's own timeline too, which is how the loyalty report tells who got a code and used it
        var customers = aftercare.app.timelines().customerTimeline(new ShopId("redeeming"), new EmailAddress("loyal-buyer@example.com"),
                PageRequest.first(50)).items();
        assertThat(customers).extracting(TimelineEntry::kind).contains(EntryKind.DISCOUNT_ISSUED, EntryKind.DISCOUNT_REDEEMED);
        aftercare.sweepAndWork(); // 5004's own thank-you, so that no other test's answers are spent on it
    }

    @Test
    void givenAShopWhosePolicyGivesGoodwillForDelays_whenAParcelFailsAndShopifyThrottlesFirst_thenTheApologyCarriesTheOneCodeMadeInTheShop() throws IOException {
        deliveryGoodwillShop("late-sorry");
        shopify.answer(Answer.json(200, CREATED));
        order("late-sorry", 5101, "late-buyer@example.com", List.of());
        aftercare.sweepAndWork(); // the thank-you, with its own code
        int before = shopify.received().size();
        shopify.answer(Answer.json(200, FAR_THROTTLED), Answer.json(200, CREATED));

        parcelFailed("late-sorry", 5101);
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();
        assertThat(apologies("late-buyer@example.com")).as("no apology before its code exists").isEmpty();
        aftercare.clock.advance(Duration.ofMinutes(6)); // the claim's lease runs out: the next sweep claims it again
        aftercare.sweepAndWork();

        var requests = shopify.received().subList(before, shopify.received().size());
        assertThat(requests).hasSize(2);
        String code = JSON.readTree(requests.get(1).body()).at("/variables/basicCodeDiscount/code").asText();
        assertThat(JSON.readTree(requests.get(0).body()).at("/variables/basicCodeDiscount/code").asText()).as("a retry names the same code")
                .isEqualTo(code).startsWith("LATE-");
        assertThat(JSON.readTree(requests.get(1).body()).at("/variables/basicCodeDiscount/context").toString())
                .isEqualTo("{\"customers\":{\"add\":[\"gid://shopify/Customer/7817370206550\"]}}");
        var apologies = apologies("late-buyer@example.com");
        assertThat(apologies).hasSize(1);
        assertThat(apologies.get(0).html()).contains(code).contains("To make up for the wait, here is 10% off your next order:");
        assertThat(apologies.get(0).text()).contains(code);
        assertThat(summaries("late-sorry", "5101")).contains("Discount code " + code + " issued (10% off)");
    }

    @Test
    void givenAShopWhoseDeliveryGoodwillIsRefused_whenAParcelFails_thenTheApologyGoesWithoutACodeAndTheTimelineSaysWhy() {
        deliveryGoodwillShop("late-revoked");
        shopify.answer(Answer.json(200, CREATED));
        order("late-revoked", 5102, "late-revoked@example.com", List.of());
        aftercare.sweepAndWork();
        shopify.answer(Answer.json(401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}"));

        parcelFailed("late-revoked", 5102);
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        var apologies = apologies("late-revoked@example.com");
        assertThat(apologies).hasSize(1);
        assertThat(apologies.get(0).html()).doesNotContain("LATE-").doesNotContain("off your next order");
        assertThat(apologies.get(0).text()).doesNotContain("LATE-");
        assertThat(summaries("late-revoked", "5102")).contains("Delivery problem apology: sent without its code, the shop refused to create it "
                + "(Shopify refused the Admin API access token (401): it was revoked, or the app lacks the write_discounts scope)");
    }

    @Test
    void givenATicketWithoutAnOrder_whenItsGoodwillIsMadeAfterABreach_thenShopifyFindsTheCustomerByAddressAndTheCodeIsTheirsAlone() throws IOException {
        shop("orderless");
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "orderless"), """
                {"support": {"goodwill": {"prefix": "SORRY-", "percent": 15}}}""").status()).isEqualTo(200);
        var opened = aftercare.agentBody("POST /api/shops/{shop}/tickets", Map.of("shop", "orderless"), """
                {"customer": {"email": "no-order@example.com", "name": "Nina"}, "subject": "Wrong size in the shop's photos", "message": "Help"}""");
        assertThat(opened.status()).isEqualTo(201);
        String ticket = opened.json().path("id").asText();
        aftercare.sweepAndWork(); // its acknowledgement
        aftercare.clock.advance(Duration.ofHours(3)); // past its two business hours' first response
        aftercare.sweepAndWork();
        int before = shopify.received().size();
        shopify.answer(Answer.json(200, "{\"data\":{\"customerByIdentifier\":{\"id\":\"gid://shopify/Customer/115310627314723954\"}}}"),
                Answer.json(200, CREATED));

        long version = aftercare.ticket("orderless", ticket).path("version").asLong();
        assertThat(aftercare.agentBody("PATCH /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", "orderless", "ticketId", ticket),
                "{\"version\": " + version + ", \"status\": \"resolved\"}").status()).isEqualTo(200);
        aftercare.sweepAndWork();

        var requests = shopify.received().subList(before, shopify.received().size());
        assertThat(requests).hasSize(2);
        assertThat(JSON.readTree(requests.get(0).body()).at("/variables/email").asText()).isEqualTo("no-order@example.com");
        var input = JSON.readTree(requests.get(1).body()).at("/variables/basicCodeDiscount");
        assertThat(input.path("context").toString()).isEqualTo("{\"customers\":{\"add\":[\"gid://shopify/Customer/115310627314723954\"]}}");
        String code = input.path("code").asText();
        assertThat(ses.emailsTo("no-order@example.com")).anyMatch(e -> e.text().contains(code));
        assertThat(aftercare.ticketSummaries("orderless", ticket)).contains("Goodwill discount code " + code + " (15% off) sent for the breached SLA");
    }

    @Test
    void givenAShopsAccess_whenSet_thenTheAnswerNamesTheHostButNeverTheToken() {
        aftercare.registerShop("access-shown", "shopify");

        var response = aftercare.admin("PUT /admin/shops/{shop}/discount-access", Map.of("shop", "access-shown"),
                "{\"shopDomain\": \"access-shown.myshopify.com\", \"adminAccessToken\": \"" + TOKEN + "\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("host").asText()).isEqualTo("access-shown.myshopify.com");
        assertThat(response.body()).doesNotContain(TOKEN);
        assertThat(aftercare.admin("GET /admin/shops/{shop}", Map.of("shop", "access-shown"), "").body()).doesNotContain(TOKEN);
    }

    @Test
    void givenAHostThatIsNotABareDomain_whenSet_thenItIsA400AndNothingIsSaved() {
        aftercare.registerShop("bad-host", "woocommerce");
        for (String host : List.of("https://shop.example.com", "shop.example.com:8443", "shop.example.com/wp", "127.0.0.1", "localhost",
                "user@shop.example.com", "metadata.google.internal")) {
            var response = aftercare.admin("PUT /admin/shops/{shop}/discount-access", Map.of("shop", "bad-host"),
                    "{\"storeHost\": \"" + host + "\", \"consumerKey\": \"ck_0123456789abcdef0123\", \"consumerSecret\": \"cs_0123456789abcdef0123\"}");
            assertThat(response.status()).as(host).isEqualTo(400);
            assertThat(response.json().path("field").asText()).as(host).isEqualTo("storeHost");
        }
        assertThat(aftercare.app.discountAccess().access(new io.aftercare.domain.ShopId("bad-host"))).isEmpty();
    }

    @Test
    void givenAGenericShop_whenItUploadsAPool_thenCodesAreCountedAndABadLineIsA400NamingIt() {
        aftercare.registerShop("pooled", "generic");

        var added = aftercare.admin("POST /admin/shops/{shop}/discount-pool", Map.of("shop", "pooled"), "code\nSPRING-001\nSPRING-002\n\nSPRING-001\n");
        var bad = aftercare.admin("POST /admin/shops/{shop}/discount-pool", Map.of("shop", "pooled"), "SPRING-003\nnot a code\n");

        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().path("added").asInt()).isEqualTo(2);
        assertThat(added.json().path("available").asInt()).isEqualTo(2);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("line 2");
        assertThat(aftercare.app.discountPool().available(new io.aftercare.domain.ShopId("pooled"))).isEqualTo(2);
    }

    @Test
    void givenAShopRemindingThreeDaysBeforeCodesEnd_whenACodeIsUnused_thenOneReminderCarriesItThenAndItsEndCountsItExpired() throws Exception {
        String code = codeFromRemindingShop("reminding", 5401, "remind-buyer@example.com");
        Instant issued = aftercare.clock.instant();

        aftercare.clock.set(issued.plus(Duration.ofDays(7)).minusSeconds(60));
        aftercare.sweepAndWork();
        assertThat(ses.emailsTo("remind-buyer@example.com")).as("not before its day").hasSize(1);
        aftercare.clock.set(issued.plus(Duration.ofDays(7)).plusSeconds(60));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        var emails = ses.emailsTo("remind-buyer@example.com");
        assertThat(emails).hasSize(2);
        assertThat(emails.get(1).subject()).isEqualTo("Your 10% code expires soon");
        assertThat(emails.get(1).html()).contains(code, "order #5401");
        assertThat(emails.get(1).text()).contains(code);
        assertThat(summaries("reminding", "5401")).contains("Discount code reminder sent in English");
        aftercare.clock.set(issued.plus(Duration.ofDays(10)).plusSeconds(60));
        String metrics = CapturedOutput.of(aftercare::sweepAndWork);
        assertThat(metrics).contains("\"DiscountCodesExpired\":1.0");
        assertThat(CapturedOutput.of(aftercare::sweepAndWork)).as("counted once").doesNotContain("DiscountCodesExpired");
        assertThat(ses.emailsTo("remind-buyer@example.com")).hasSize(2);
    }

    @Test
    void givenARemindingShopsCodeRedeemed_whenItsReminderAndItsEndCome_thenNoReminderIsSentAndItIsNotCountedExpired() throws Exception {
        String code = codeFromRemindingShop("remind-redeemed", 5402, "used-it@example.com");
        Instant issued = aftercare.clock.instant();
        shopify.answer(Answer.json(401, "{\"errors\":\"[API] Invalid API key or access token\"}")); // 5403's thank-you goes without a code of its own
        order("remind-redeemed", 5403, "used-it@example.com", List.of(code));
        aftercare.sweepAndWork();
        int before = ses.emailsTo("used-it@example.com").size();

        aftercare.clock.set(issued.plus(Duration.ofDays(7)).plusSeconds(60));
        aftercare.sweepAndWork();
        aftercare.clock.set(issued.plus(Duration.ofDays(10)).plusSeconds(60));
        String metrics = CapturedOutput.of(aftercare::sweepAndWork);

        assertThat(ses.emailsTo("used-it@example.com")).hasSize(before);
        assertThat(metrics).doesNotContain("DiscountCodesExpired");
    }

    @Test
    void givenAShopWhoseCodesAreValidForSevenDays_whenTheThankYouGoesOut_thenShopifyIsAskedForACodeEndingSevenDaysOnAndABadValueIsA400() throws IOException {
        shop("week-long");
        var patched = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "week-long"),
                "{\"thankYouDiscount\": {\"prefix\": \"WEEK-\", \"percent\": 10, \"validDays\": 7}}");
        assertThat(patched.json().path("thankYouDiscount").path("validDays").asInt()).isEqualTo(7);
        shopify.answer(Answer.json(200, CREATED));
        int before = shopify.received().size();
        order("week-long", 5301, "week-buyer@example.com", List.of());

        aftercare.sweepAndWork();

        var variables = JSON.readTree(shopify.received().get(before).body()).at("/variables/basicCodeDiscount");
        assertThat(Duration.between(Instant.parse(variables.path("startsAt").asText()), Instant.parse(variables.path("endsAt").asText())))
                .isEqualTo(Duration.ofDays(7));
        for (String days : List.of("0", "366", "\"7\"")) {
            var refused = aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "week-long"),
                    "{\"thankYouDiscount\": {\"prefix\": \"WEEK-\", \"percent\": 10, \"validDays\": " + days + "}}");
            assertThat(refused.status()).as(days).isEqualTo(400);
        }
    }

    @Test
    void givenAnUploadWithTwoCodesDifferingOnlyInCase_whenSent_thenItIsA400NamingTheLineAndNothingIsAdded() {
        aftercare.registerShop("case-pool", "generic");

        var refused = aftercare.admin("POST /admin/shops/{shop}/discount-pool", Map.of("shop", "case-pool"), "WINTER-01\nWINTER-02\nwinter-01\n");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("line 3", "differs only in case");
        assertThat(aftercare.app.discountPool().available(new io.aftercare.domain.ShopId("case-pool"))).isZero();
    }

    @Test
    void givenAPoolOfElevenCodes_whenTheFirstIsHandedOut_thenEachOwnerIsEmailedOnceNotTheReplyToAndTheNextOrdersStillGetCodes() {
        aftercare.registerShop("low-pool", "generic");
        var shopId = new io.aftercare.domain.ShopId("low-pool");
        var admin = new io.aftercare.domain.access.Caller.BreakGlass();
        for (String member : List.of("owner-one@low-pool.example:OWNER", "owner-two@low-pool.example:OWNER", "agent@low-pool.example:AGENT")) {
            aftercare.app.access().invite(shopId, admin, new io.aftercare.domain.EmailAddress(member.split(":")[0]),
                    io.aftercare.domain.shop.Role.valueOf(member.split(":")[1]), io.aftercare.domain.shop.Language.EN);
        }
        aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", "low-pool"), "{\"thankYouDiscount\": {\"prefix\": \"THANKS-\", \"percent\": 10}}");
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            codes.append("POOLED-").append((char) ('A' + i)).append('\n');
        }
        aftercare.admin("POST /admin/shops/{shop}/discount-pool", Map.of("shop", "low-pool"), codes.toString());
        int ownerEmailsBefore = ses.emailsTo("support@kettlehouse.example").size();

        for (int i = 1; i <= 3; i++) {
            var sent = aftercare.generic("low-pool", aftercare.genericEvent("order.created", "evt-low-" + i, """
                    {"id": "L-%d", "number": "#L-%d", "created_at": "%s", "currency": "PLN", "total": "10.00",
                     "customer": {"email": "pool-buyer-%d@example.com", "name": "Ann", "locale": "en"},
                     "lines": [{"title": "Kettle", "quantity": 1, "price": "10.00"}]}""".formatted(i, i, aftercare.clock.instant(), i)));
            assertThat(sent.status()).isEqualTo(200);
            aftercare.sweepAndWork();
            assertThat(ses.emailsTo("pool-buyer-" + i + "@example.com").get(0).html()).contains("POOLED-");
        }

        for (String owner : List.of("owner-one@low-pool.example", "owner-two@low-pool.example")) {
            assertThat(ses.emailsTo(owner)).as(owner).extracting(SesEmulator.Email::subject).containsExactly("[Kettle House] Only 10 discount codes are left");
        }
        assertThat(ses.emailsTo("agent@low-pool.example")).as("not an owner").isEmpty();
        assertThat(ses.emailsTo("support@kettlehouse.example")).as("customers write to the reply-to address").hasSize(ownerEmailsBefore);
        assertThat(aftercare.app.discountPool().available(new io.aftercare.domain.ShopId("low-pool"))).isEqualTo(8);
    }

    /** A Shopify shop reminding 3 days before its 10-day codes end, and the code its thank-you for {@code order} just carried. */
    private static String codeFromRemindingShop(String shop, long order, String email) {
        shop(shop);
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop),
                "{\"thankYouDiscount\": {\"prefix\": \"THANKS-\", \"percent\": 10, \"validDays\": 10, \"remindDaysBefore\": 3}}").status()).isEqualTo(200);
        shopify.answer(Answer.json(200, CREATED));
        order(shop, order, email, List.of());
        aftercare.sweepAndWork();
        var matcher = CODE.matcher(ses.emailsTo(email).get(0).html());
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }

    /** A Shopify shop whose apology for a parcel held up carries 10% off (support.deliveryGoodwill). */
    private static void deliveryGoodwillShop(String id) {
        shop(id);
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", id), """
                {"support": {"deliveryGoodwill": {"prefix": "LATE-", "percent": 10}}}""").status()).isEqualTo(200);
        assertThat(aftercare.admin("GET /admin/shops/{shop}", Map.of("shop", id), "").json().at("/support/deliveryGoodwill/prefix").asText())
                .isEqualTo("LATE-");
    }

    /** Shopify's fulfillment event sample as the carrier's failure to deliver {@code order}'s parcel, now. */
    private static void parcelFailed(String shop, long order) {
        try {
            var event = (ObjectNode) JSON.readTree(Fixtures.shopify("fulfillment-events-create.json"));
            String now = aftercare.clock.instant().toString();
            event.put("order_id", order).put("status", "failure").put("message", "Address not found")
                    .put("happened_at", now).put("created_at", now).put("updated_at", now);
            var response = aftercare.shopify(shop, JSON.writeValueAsBytes(event), "fulfillment_events/create", "failure-" + order, aftercare.clock.instant());
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<SesEmulator.Email> apologies(String to) {
        return ses.emailsTo(to).stream().filter(e -> e.subject().contains("is held up")).toList();
    }

    private static void shop(String id) {
        aftercare.registerShop(id, "shopify");
        aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", id), "{\"thankYouDiscount\": {\"prefix\": \"THANKS-\", \"percent\": 10}}");
        assertThat(aftercare.admin("PUT /admin/shops/{shop}/discount-access", Map.of("shop", id),
                "{\"shopDomain\": \"" + id + ".myshopify.com\", \"adminAccessToken\": \"" + TOKEN + "\"}").status()).isEqualTo(200);
    }

    /** Shopify's multi-currency sample as if placed a minute ago, with its id, number, customer and discount codes replaced. */
    private static void order(String shop, long id, String email, List<String> codes) {
        String aMinuteAgo = aftercare.clock.instant().minus(Duration.ofMinutes(1)).atOffset(ZoneOffset.ofHours(2)).toString().substring(0, 16);
        try {
            var order = (ObjectNode) JSON.readTree(new String(Fixtures.shopify("orders-create.multi-currency.json"), StandardCharsets.UTF_8)
                    .replace("2024-06-24T13:55", aMinuteAgo));
            order.put("id", id).put("name", "#" + id).put("email", email).put("contact_email", email);
            order.with("customer").put("email", email);
            var lines = order.putArray("discount_codes");
            codes.forEach(code -> lines.addObject().put("code", code).put("amount", "1.00").put("type", "percentage"));
            var response = aftercare.shopify(shop, JSON.writeValueAsBytes(order), "orders/create", "webhook-" + id + "-" + codes.size(),
                    aftercare.clock.instant());
            assertThat(response.status()).isEqualTo(200);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> summaries(String shop, String orderId) {
        List<String> summaries = new ArrayList<>();
        aftercare.orderTimeline(shop, orderId).path("items").forEach(e -> summaries.add(e.path("summary").asText()));
        return summaries;
    }
}
