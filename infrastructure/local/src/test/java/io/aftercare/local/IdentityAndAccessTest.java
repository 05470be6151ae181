package io.aftercare.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.TemplateResources;
import io.aftercare.domain.access.Access;
import io.aftercare.lambda.http.RouteAccess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Identity and access over the local runner's real HTTP port: signing in with the link the SES emulator received,
 * sessions, CSRF, API tokens, and every route of {@code template.yaml} refused to the wrong caller with nothing read
 * or written.
 */
class IdentityAndAccessTest {

    private static final String ADMIN = "identity-test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final AdjustableClock CLOCK = new AdjustableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private static LocalAftercare local;
    private static DynamoDbClient dynamo;

    private static ApiClient.Signed ownerA;
    private static ApiClient.Signed agentA;
    private static ApiClient.Signed ownerB;
    private static String tokenB;
    private static String agentAId;

    @BeforeAll
    static void twoShopsWithTheirPeople() throws Exception {
        local = LocalAftercare.start(LocalAftercare.Settings.ephemeral(ADMIN, CLOCK));
        dynamo = local.dynamoDb().client();
        for (String shop : List.of("shop-a", "shop-b")) {
            assertThat(admin("POST", "/admin/shops", """
                    {"id": "%s", "platform": "generic", "webhookSecret": "secret-0123456789abcdef", "brandName": "Brand %s",
                     "senderEmail": "hello@%s.example"}""".formatted(shop, shop, shop)).statusCode()).isEqualTo(201);
            assertThat(admin("POST", "/admin/shops/" + shop + "/owners", """
                    {"email": "owner@%s.example"}""".formatted(shop)).statusCode()).isEqualTo(201);
        }
        ownerA = signIn("owner@shop-a.example");
        ownerB = signIn("owner@shop-b.example");
        var agent = send("POST", "/api/shops/shop-a/members", ownerA, """
                {"email": "agent@shop-a.example", "role": "agent", "language": "pl"}""");
        assertThat(agent.statusCode()).isEqualTo(201);
        agentAId = json(agent).path("id").asText();
        agentA = signIn("agent@shop-a.example");
        var token = send("POST", "/api/shops/shop-b/tokens", ownerB, """
                {"name": "warehouse", "role": "owner"}""");
        assertThat(token.statusCode()).isEqualTo(201);
        tokenB = json(token).path("token").asText();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void givenAMember_whenTheyAskForALinkAndUseItFromTheEmail_thenTheirSessionReadsTheirShopsQueue() throws Exception {
        var email = local.ses().emailsTo("agent@shop-a.example").getLast();
        assertThat(email.subject()).as("in the member's language").isEqualTo("Link do logowania: Brand shop-a");

        var queue = send("GET", "/api/shops/shop-a/tickets", agentA, null);

        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(json(queue).has("items")).isTrue();
    }

    @Test
    void givenTheSessionCookie_whenSet_thenItIsHttpOnlySecureStrictForTheWholeSiteAndItsAnswerIsNeitherCachedNorReferred() throws Exception {
        String link = requestLink("owner@shop-a.example");

        var opened = post(link);

        assertThat(opened.statusCode()).isEqualTo(303);
        assertThat(opened.headers().firstValue("set-cookie").orElseThrow())
                .contains("HttpOnly", "Secure", "SameSite=Strict", "Path=/").startsWith("aftercare_session=");
        assertThat(opened.headers().firstValue("cache-control")).contains("no-store");
        assertThat(opened.headers().firstValue("referrer-policy")).contains("no-referrer");
    }

    @Test
    void givenALinkFetchedByAMailScanner_whenItIsOnlyRead_thenItIsNotUsedUpAndStillSignsIn() throws Exception {
        String link = requestLink("owner@shop-a.example");

        var page = HTTP.send(HttpRequest.newBuilder(URI.create(link)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\">");
        assertThat(post(link).statusCode()).isEqualTo(303);
    }

    @Test
    void givenALinkUsedOnce_whenUsedAgain_thenItIsRefused() throws Exception {
        String link = requestLink("owner@shop-a.example");
        assertThat(post(link).statusCode()).isEqualTo(303);

        assertThat(post(link).statusCode()).isEqualTo(401);
    }

    @Test
    void givenALinkOlderThanFifteenMinutes_whenUsed_thenItIsRefused() throws Exception {
        String link = requestLink("owner@shop-a.example");
        CLOCK.advance(Access.LINK_VALID.plusSeconds(1));

        assertThat(post(link).statusCode()).isEqualTo(401);
    }

    @Test
    void givenAnAddressWithoutAnAccount_whenALinkIsAskedFor_thenTheAnswerIsTheSameAndNoEmailIsSent() throws Exception {
        var known = send("POST", "/auth/link", null, "{\"email\": \"owner@shop-b.example\"}");
        var unknown = send("POST", "/auth/link", null, "{\"email\": \"nobody@shop-b.example\"}");

        assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(local.ses().emailsTo("nobody@shop-b.example")).isEmpty();
    }

    @Test
    void givenTooManyLinkRequestsForOneAddressFromOneClient_whenOneMoreComes_thenItIsAnsweredAlikeButNothingIsSentUntilTheWindowEnds() throws Exception {
        CLOCK.advance(Access.RATE_WINDOW); // a fresh window, whatever the other tests asked for
        assertThat(send("POST", "/api/shops/shop-a/members", ownerA, "{\"email\": \"flood@shop-a.example\", \"role\": \"agent\"}").statusCode()).isEqualTo(201);
        for (int i = 0; i < Access.LINKS_PER_ADDRESS; i++) {
            assertThat(send("POST", "/auth/link", null, "{\"email\": \"flood@shop-a.example\"}").statusCode()).isEqualTo(202);
        }
        var oneMore = send("POST", "/auth/link", null, "{\"email\": \"flood@shop-a.example\"}");

        assertThat(oneMore.statusCode()).isEqualTo(202);
        assertThat(local.ses().emailsTo("flood@shop-a.example")).hasSize(Access.LINKS_PER_ADDRESS);
        CLOCK.advance(Access.RATE_WINDOW);
        requestLink("flood@shop-a.example");
    }

    @Test
    void givenSomeoneElseAskingForAMembersLinkPastTheLimit_whenTheMemberAsksFromTheirOwnClient_thenTheirLinkIsSent() throws Exception {
        CLOCK.advance(Access.RATE_WINDOW);
        var elsewhere = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
        int before = local.ses().emailsTo("owner@shop-b.example").size();
        for (int i = 0; i <= Access.LINKS_PER_ADDRESS; i++) {
            var asked = elsewhere.send(request("POST", "/auth/link", "{\"email\": \"owner@shop-b.example\"}").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asked.statusCode()).isEqualTo(202);
        }
        assertThat(local.ses().emailsTo("owner@shop-b.example")).as("one client does not flood the mailbox").hasSize(before + Access.LINKS_PER_ADDRESS);

        assertThat(post(requestLink("owner@shop-b.example")).statusCode()).isEqualTo(303);
        CLOCK.advance(Access.RATE_WINDOW);
    }

    @Test
    void givenALinkPostedByAnotherSitesPage_whenItArrives_thenItIsRefusedAndTheLinkStillSignsInFromItsOwnPage() throws Exception {
        String link = requestLink("owner@shop-a.example");
        String self = "http://127.0.0.1:" + local.baseUri().getPort();
        var before = items();

        for (var crossSite : List.of(List.of("Origin", "https://attacker.example"), List.of("Origin", "null"),
                List.of("Sec-Fetch-Site", "cross-site"), List.of("Sec-Fetch-Site", "same-site"),
                List.of("Sec-Fetch-Site", "cross-site", "Origin", self))) {
            var refused = post(link, crossSite.toArray(String[]::new));
            assertThat(refused.statusCode()).as(crossSite.toString()).isEqualTo(403);
            assertThat(json(refused).path("error").asText()).isEqualTo("cross_site");
            assertThat(refused.headers().firstValue("set-cookie")).isEmpty();
        }

        assertThat(items()).as("the link is not used up").isEqualTo(before);
        // what Chromium sends from the confirmation page, whose no-referrer policy makes its Origin null
        assertThat(post(link, "Origin", "null", "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(303);
    }

    @Test
    void givenTooManyLinkRequestsFromOneClient_whenOneMoreComesForAnotherAddress_thenItIsRefused() throws Exception {
        CLOCK.advance(Access.RATE_WINDOW);
        for (int i = 0; i < Access.LINKS_PER_CLIENT; i++) {
            assertThat(send("POST", "/auth/link", null, "{\"email\": \"probe-%d@shop-a.example\"}".formatted(i)).statusCode()).isEqualTo(202);
        }

        assertThat(send("POST", "/auth/link", null, "{\"email\": \"probe-last@shop-a.example\"}").statusCode()).isEqualTo(429);
        CLOCK.advance(Access.RATE_WINDOW); // the other tests sign in from this client too
    }

    @Test
    void givenATamperedSessionCookie_whenUsed_thenItIsRefused() throws Exception {
        var tampered = new ApiClient.Signed(ownerA.cookie().substring(0, ownerA.cookie().length() - 2) + "xy", ownerA.csrf());

        assertThat(send("GET", "/api/shops/shop-a/tickets", tampered, null).statusCode()).isEqualTo(401);
    }

    @Test
    void givenASignedOutSession_whenUsedAgain_thenItIsRefusedAtOnce() throws Exception {
        ApiClient.Signed session = signIn("owner@shop-a.example");
        assertThat(send("POST", "/auth/sign-out", session, null).statusCode()).isEqualTo(200);

        assertThat(send("GET", "/api/shops/shop-a/tickets", session, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/auth/session", session, null).statusCode()).isEqualTo(401);
    }

    @Test
    void givenAStateChangingRequest_whenItsCsrfTokenIsMissingOrWrong_thenItIsRefusedAndNothingIsWritten() throws Exception {
        String ticket = """
                {"customer": {"email": "c@example.com", "name": "C"}, "subject": "Late", "message": "Where is it?"}""";
        var before = items();

        assertThat(send("POST", "/api/shops/shop-a/tickets", new ApiClient.Signed(ownerA.cookie(), null), ticket).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/shops/shop-a/tickets", new ApiClient.Signed(ownerA.cookie(), "wrong"), ticket).statusCode()).isEqualTo(403);
        assertThat(items()).isEqualTo(before);
        assertThat(send("POST", "/api/shops/shop-a/tickets", ownerA, ticket).statusCode()).isEqualTo(201);
    }

    @Test
    void givenARemovedMember_whenTheirSessionIsUsed_thenTheShopIsClosedToThemAtOnce() throws Exception {
        var added = send("POST", "/api/shops/shop-a/members", ownerA, "{\"email\": \"leaving@shop-a.example\", \"role\": \"lead\"}");
        ApiClient.Signed leaving = signIn("leaving@shop-a.example");
        assertThat(send("GET", "/api/shops/shop-a/tickets", leaving, null).statusCode()).isEqualTo(200);

        assertThat(send("DELETE", "/api/shops/shop-a/members/" + json(added).path("id").asText(), ownerA, null).statusCode()).isEqualTo(200);

        assertThat(send("GET", "/api/shops/shop-a/tickets", leaving, null).statusCode()).isEqualTo(403);
    }

    @Test
    void givenAnApiToken_whenUsed_thenItWorksInItsShopWithItsLastUseRecorded_andNotOnceRevoked() throws Exception {
        var created = send("POST", "/api/shops/shop-a/tokens", ownerA, "{\"name\": \"crm\", \"role\": \"agent\"}");
        String token = json(created).path("token").asText();
        String id = json(created).path("id").asText();

        assertThat(bearer("GET", "/api/shops/shop-a/tickets", token).statusCode()).isEqualTo(200);
        assertThat(bearer("GET", "/api/shops/shop-a/members", token).statusCode()).isEqualTo(200);
        assertThat(bearer("GET", "/api/shops/shop-a/tokens", token).statusCode()).as("an agent's token is not an owner's").isEqualTo(403);
        var listed = json(send("GET", "/api/shops/shop-a/tokens", ownerA, null)).path("items");
        assertThat(listed.toString()).doesNotContain(token.substring(token.indexOf('.') + 1));
        assertThat(listed.findValuesAsText("lastUsedAt")).contains(CLOCK.instant().toString());

        assertThat(send("DELETE", "/api/shops/shop-a/tokens/" + id, ownerA, null).statusCode()).isEqualTo(200);
        assertThat(bearer("GET", "/api/shops/shop-a/tickets", token).statusCode()).isEqualTo(401);
    }

    @Test
    void givenTheAdminToken_whenItCallsAShopsApi_thenItPassesAsBreakGlass() throws Exception {
        assertThat(bearer("GET", "/api/shops/shop-a/tickets", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void givenTheShopsLastOwner_whenDemoted_thenItIsRefusedSoTheShopKeepsAnOwner() throws Exception {
        String ownerId = json(send("GET", "/api/shops/shop-b/members", ownerB, null)).path("items").get(0).path("id").asText();

        assertThat(send("PATCH", "/api/shops/shop-b/members/" + ownerId, ownerB, "{\"role\": \"agent\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void givenMembershipAndTokenChanges_whenTheShopsAuditTrailIsRead_thenEachIsThereWithWhoDidIt() throws Exception {
        var audit = json(send("GET", "/api/shops/shop-a/audit?lang=en", ownerA, null)).path("items");

        assertThat(audit.findValuesAsText("summary")).contains("o***@shop-a.example signed in",
                "admin token added o***@shop-a.example as owner", "o***@shop-a.example added a***@shop-a.example as agent");
        assertThat(send("GET", "/api/shops/shop-a/audit", agentA, null).statusCode()).as("a manager's page").isEqualTo(403);
    }

    @Test
    void givenASignedInAgent_whenTheyReplyToATicket_thenTheTicketAndTheShopsAuditTrailNameThemNotTheBodysAgent() throws Exception {
        var opened = json(send("POST", "/api/shops/shop-a/tickets", agentA, """
                {"customer": {"email": "d@example.com", "name": "D"}, "subject": "Broken", "message": "It broke."}"""));
        String id = opened.path("id").asText();

        var replied = send("POST", "/api/shops/shop-a/tickets/" + id + "/replies", agentA, """
                {"version": %d, "message": "Sorry, a new one is on its way.", "agent": "Someone Else"}""".formatted(opened.path("version").asLong()));

        assertThat(replied.statusCode()).isEqualTo(200);
        var ticket = json(send("GET", "/api/shops/shop-a/tickets/" + id + "?lang=en", agentA, null));
        assertThat(ticket.path("ticketTimeline").path("items").findValuesAsText("summary"))
                .anyMatch(s -> s.startsWith("a***@shop-a.example replied")).noneMatch(s -> s.contains("Someone Else"));
        var audit = json(send("GET", "/api/shops/shop-a/audit?lang=en", ownerA, null)).path("items");
        assertThat(audit.findValuesAsText("summary")).contains("a***@shop-a.example replied on ticket " + opened.path("number").asText());
    }

    @Test
    void givenAShopRequiringASecondFactor_whenAMemberEnrolsAndSignsInAgain_thenOnlyAFreshCodeOrAnUnusedRecoveryCodeOpensIt() throws Exception {
        assertThat(admin("POST", "/admin/shops", """
                {"id": "shop-c", "platform": "generic", "webhookSecret": "secret-0123456789abcdef", "brandName": "C",
                 "senderEmail": "hello@shop-c.example"}""").statusCode()).isEqualTo(201);
        assertThat(admin("POST", "/admin/shops/shop-c/owners", "{\"email\": \"owner@shop-c.example\"}").statusCode()).isEqualTo(201);
        ApiClient.Signed first = signIn("owner@shop-c.example");
        assertThat(send("PUT", "/api/shops/shop-c/access", first, "{\"requireSecondFactor\": true}").statusCode()).isEqualTo(200);
        var refused = send("GET", "/api/shops/shop-c/tickets", first, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).path("error").asText()).isEqualTo("second_factor_required");

        byte[] secret = base32(json(send("POST", "/auth/second-factor/enrol", first, null)).path("secret").asText());
        assertThat(send("POST", "/auth/second-factor/confirm", first, code("000000".equals(totp(secret)) ? "111111" : "000000")).statusCode())
                .as("a wrong code").isEqualTo(403);
        String used = totp(secret);
        var confirmed = send("POST", "/auth/second-factor/confirm", first, code(used));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        List<String> recovery = new ArrayList<>();
        json(confirmed).path("recoveryCodes").forEach(c -> recovery.add(c.asText()));
        assertThat(recovery).hasSize(Access.RECOVERY_CODES).doesNotHaveDuplicates();
        assertThat(send("GET", "/api/shops/shop-c/tickets", first, null).statusCode()).isEqualTo(200);

        ApiClient.Signed second = signIn("owner@shop-c.example");
        assertThat(send("POST", "/auth/second-factor", second, code(used)).statusCode()).as("a replayed code").isEqualTo(403);
        assertThat(send("GET", "/api/shops/shop-c/tickets", second, null).statusCode()).isEqualTo(403);
        CLOCK.advance(Duration.ofSeconds(30));
        assertThat(send("POST", "/auth/second-factor", second, code(totp(secret))).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/shops/shop-c/tickets", second, null).statusCode()).isEqualTo(200);

        ApiClient.Signed third = signIn("owner@shop-c.example");
        String recoveryCode = "{\"recoveryCode\": \"" + recovery.getFirst() + "\"}";
        assertThat(send("POST", "/auth/second-factor", third, recoveryCode).statusCode()).isEqualTo(200);
        ApiClient.Signed fourth = signIn("owner@shop-c.example");
        assertThat(send("POST", "/auth/second-factor", fourth, recoveryCode).statusCode()).as("a used recovery code").isEqualTo(403);
        assertThat(send("GET", "/api/shops/shop-c/tickets", fourth, null).statusCode()).isEqualTo(403);
    }

    private static String code(String code) {
        return "{\"code\": \"" + code + "\"}";
    }

    /** What the member's authenticator app shows now. */
    private static String totp(byte[] secret) throws Exception {
        var generator = new TimeBasedOneTimePasswordGenerator();
        return generator.generateOneTimePasswordString(new SecretKeySpec(secret, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1), CLOCK.instant());
    }

    private static byte[] base32(String text) {
        var out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    /**
     * Every shop route of {@code template.yaml}, read as the local runner reads it: a route added there is covered
     * here without a line of this test changing.
     */
    @Test
    void givenEveryShopRouteOfTheTemplate_whenCalledWithoutACredentialOrByAnotherShopOrWithARoleTooLow_thenRefusedWithNothingReadOrWritten() throws Exception {
        var routes = TemplateRoutes.of(TemplateResources.fromRepository());
        List<String> checked = new ArrayList<>();
        for (var route : routes) {
            var needs = RouteAccess.required(route.routeKey());
            if (needs.role().isEmpty()) {
                continue;
            }
            String path = route.path().replace("{shop}", "shop-a").replace("{orderId}", "1001").replace("{email}", "c%40example.com")
                    .replace("{ticketId}", "1").replace("{n}", "0").replace("{memberId}", agentAId).replace("{tokenId}", "0123456789abcdef01234567").replace("{replyId}", "0123456789abcdef01234567");
            String body = route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}";
            refused(route.routeKey() + " without a credential", route.method(), path, null, null, body, 401);
            refused(route.routeKey() + " with another shop's session", route.method(), path, ownerB, null, body, 403);
            refused(route.routeKey() + " with another shop's token", route.method(), path, null, tokenB, body, 401);
            if (needs.role().get().compareTo(io.aftercare.domain.shop.Role.AGENT) > 0) {
                refused(route.routeKey() + " with a role too low", route.method(), path, agentA, null, body, 403);
            }
            checked.add(route.routeKey());
        }
        assertThat(checked).contains("GET /api/shops/{shop}/tickets", "DELETE /api/shops/{shop}/members/{memberId}", "GET /api/shops/{shop}/audit");
    }

    @Test
    void givenEveryRouteOfTheTemplate_whenLookedUp_thenRouteAccessSaysWhoMayCallIt() {
        for (var route : TemplateRoutes.of(TemplateResources.fromRepository())) {
            assertThat(RouteAccess.of(route.routeKey())).as(route.routeKey()).isPresent();
        }
    }

    private static void refused(String what, String method, String path, ApiClient.Signed session, String token, String body, int status) throws Exception {
        var before = items();
        var response = token != null ? bearer(method, path, token, body) : send(method, path, session, body);
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(json(response).path("error").isTextual()).as(what + ": an error, no data").isTrue();
        assertThat(json(response).size()).as(what + ": an error, no data").isEqualTo(2);
        assertThat(items()).as(what + ": nothing written").isEqualTo(before);
    }

    private static List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(LocalAftercare.TABLE).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    private static ApiClient.Signed signIn(String address) throws Exception {
        return new ApiClient(local).signIn(address);
    }

    private static String requestLink(String address) throws Exception {
        return new ApiClient(local).requestLink(address);
    }

    /** The confirm page's button; {@code headers} as a browser would add them (name, value, ...). */
    private static HttpResponse<String> post(String link, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(link)).POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return bearer(method, path, ADMIN, body);
    }

    private static HttpResponse<String> bearer(String method, String path, String token) throws Exception {
        return bearer(method, path, token, null);
    }

    private static HttpResponse<String> bearer(String method, String path, String token, String body) throws Exception {
        return HTTP.send(request(method, path, body).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, ApiClient.Signed session, String body) throws Exception {
        return new ApiClient(local).send(method, path, session, body);
    }

    private static HttpRequest.Builder request(String method, String path, String body) {
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").method(method, publisher);
    }

    private static URI uri(String path) {
        return local.baseUri().resolve(path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
