package io.aftercare.local;

import static io.aftercare.local.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.AdjustableClock;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The console's saved replies, owner settings and member preferences through the local runner's HTTP API, signed in as members of each role. */
class ConsoleBackendTest {

    private static final String SHOP = "console-shop";
    private static final String BASE = "/api/shops/" + SHOP;
    private static LocalAftercare local;
    private static ApiClient api;
    private static ApiClient.Signed owner;
    private static ApiClient.Signed lead;
    private static ApiClient.Signed agent;

    @BeforeAll
    static void aShopWithAnOwnerALeadAndAnAgent() throws Exception {
        local = LocalAftercare.start(LocalAftercare.Settings.ephemeral("console-test-admin-token-0123456789", new AdjustableClock(Instant.parse("2026-12-01T10:00:00Z"))));
        api = new ApiClient(local);
        assertThat(api.admin("POST", "/admin/shops", """
                {"id": "%s", "platform": "generic", "webhookSecret": "secret-0123456789abcdef", "brandName": "Console", "senderEmail": "hello@console.example"}"""
                .formatted(SHOP)).statusCode()).isEqualTo(201);
        assertThat(api.admin("POST", "/admin/shops/" + SHOP + "/owners", "{\"email\": \"owner@console.example\"}").statusCode()).isEqualTo(201);
        owner = api.signIn("owner@console.example");
        for (String role : List.of("lead", "agent")) {
            assertThat(api.send("POST", BASE + "/members", owner, """
                    {"email": "%s@console.example", "role": "%s", "language": "en"}""".formatted(role, role)).statusCode()).isEqualTo(201);
        }
        lead = api.signIn("lead@console.example");
        agent = api.signIn("agent@console.example");
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void givenALead_whenTheyAddChangeAndDeleteASavedReply_thenAgentsReadEachStateAndCannotWriteThemselves_andEachChangeIsAudited() throws Exception {
        var added = api.send("POST", BASE + "/saved-replies", lead, "{\"title\": \"Parcel late\", \"body\": \"Dear {{name}}, order {{ order }} is on its way.\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        String id = json(added).path("id").asText();
        assertThat(titles(agent)).containsExactly("Parcel late");

        assertThat(api.send("PUT", BASE + "/saved-replies/" + id, lead, "{\"title\": \"Parcel delayed\", \"body\": \"Sorry, {{name}}.\"}").statusCode()).isEqualTo(200);
        JsonNode listed = json(api.send("GET", BASE + "/saved-replies", agent, null)).path("items");
        assertThat(listed.get(0).path("title").asText()).isEqualTo("Parcel delayed");
        assertThat(listed.get(0).path("body").asText()).isEqualTo("Sorry, {{name}}.");

        var before = items();
        assertThat(api.send("POST", BASE + "/saved-replies", agent, "{\"title\": \"Mine\", \"body\": \"Hi\"}").statusCode()).isEqualTo(403);
        assertThat(api.send("PUT", BASE + "/saved-replies/" + id, agent, "{\"title\": \"Mine\", \"body\": \"Hi\"}").statusCode()).isEqualTo(403);
        assertThat(api.send("DELETE", BASE + "/saved-replies/" + id, agent, null).statusCode()).isEqualTo(403);
        assertThat(items()).as("nothing written").isEqualTo(before);

        assertThat(api.send("DELETE", BASE + "/saved-replies/" + id, lead, null).statusCode()).isEqualTo(200);
        assertThat(titles(agent)).doesNotContain("Parcel delayed");
        assertThat(api.send("DELETE", BASE + "/saved-replies/" + id, lead, null).statusCode()).isEqualTo(404);
        assertThat(api.send("PUT", BASE + "/saved-replies/" + id, lead, "{\"title\": \"Gone\", \"body\": \"Hi\"}").statusCode()).isEqualTo(404);

        List<String> audit = new ArrayList<>();
        json(api.send("GET", BASE + "/audit?lang=en", owner, null)).path("items").forEach(e -> audit.add(e.path("summary").asText()));
        assertThat(audit).contains("l***@console.example added the saved reply \"Parcel late\"",
                "l***@console.example changed the saved reply \"Parcel delayed\"", "l***@console.example deleted the saved reply \"Parcel delayed\"");
        assertThat(audit).as("refused and missing ones are not").noneMatch(line -> line.contains("Mine") || line.contains("Gone"));
    }

    @Test
    void givenAssignToMe_whenAMemberAsksIt_thenTheTicketIsTheirs_andATokenIsRefusedWithA400() throws Exception {
        var opened = json(api.send("POST", BASE + "/tickets", owner, """
                {"customer": {"email": "me@example.com", "name": "Mo"}, "subject": "Assign me", "message": "Hi"}"""));
        String path = BASE + "/tickets/" + opened.path("id").asText();
        var mine = api.send("PATCH", path, lead, "{\"version\": %d, \"assignee\": \"me\"}".formatted(opened.path("version").asLong()));
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(json(mine).path("assignee").asText()).isEqualTo("lead@console.example");

        String token = json(api.send("POST", BASE + "/tokens", owner, "{\"name\": \"crm\", \"role\": \"agent\"}")).path("token").asText();
        var refused = api.bearer("PATCH", path, token, "{\"version\": %d, \"assignee\": \"me\"}".formatted(json(mine).path("version").asLong()));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("field").asText()).isEqualTo("assignee");
        assertThat(json(api.send("GET", path, owner, null)).path("ticket").path("version").asLong()).as("nothing written").isEqualTo(json(mine).path("version").asLong());
    }

    @Test
    void givenABadSavedReply_whenAdded_thenA400NamesTheFieldAndNothingIsWritten() throws Exception {
        var before = items();
        refused(api.send("POST", BASE + "/saved-replies", lead, "{\"title\": \"Hi\", \"body\": \"Dear {{customer}}\"}"), "body");
        refused(api.send("POST", BASE + "/saved-replies", lead, "{\"title\": \"Hi\", \"body\": \"" + "é".repeat(9_000) + "\"}"), "body");
        refused(api.send("POST", BASE + "/saved-replies", lead, "{\"title\": \" \", \"body\": \"Hi\"}"), "title");
        refused(api.send("POST", BASE + "/saved-replies", lead, "{\"title\": \"Hi\", \"body\": \"Hi\", \"shared\": true}"), "shared");
        assertThat(items()).isEqualTo(before);
    }

    @Test
    void givenAnOwner_whenTheyChangeTheSupportSettings_thenTheyReadThemBackAndTheChangeIsOnTheAuditTrail() throws Exception {
        var changed = api.send("PUT", BASE + "/settings", owner, """
                {"support": {"businessHours": {"mon": ["08:00-16:00"], "sat": []}, "holidays": ["2026-12-24"],
                             "sla": {"urgent": {"firstResponseMinutes": 30, "nextResponseMinutes": 60, "resolutionMinutes": 240, "aroundTheClock": true}},
                             "escalation": [{"level": 1, "afterMinutes": 45, "contacts": [], "roles": ["lead"]}]},
                 "requireSecondFactor": false}""");
        assertThat(changed.statusCode()).isEqualTo(200);

        JsonNode read = json(api.send("GET", BASE + "/settings", owner, null));
        assertThat(read.path("support").path("businessHours").path("mon").toString()).isEqualTo("[\"08:00-16:00\"]");
        assertThat(read.path("support").path("holidays").toString()).isEqualTo("[\"2026-12-24\"]");
        assertThat(read.path("support").path("sla").path("urgent").path("firstResponseMinutes").asInt()).isEqualTo(30);
        assertThat(read.path("support").path("escalation").get(0).path("roles").toString()).isEqualTo("[\"lead\"]");
        assertThat(read.path("requireSecondFactor").asBoolean()).isFalse();
        assertThat(json(api.admin("GET", "/admin/shops/" + SHOP, null)).path("support")).as("the admin API's view").isEqualTo(read.path("support"));
        List<String> audit = new ArrayList<>();
        json(api.send("GET", BASE + "/audit?lang=en", owner, null)).path("items").forEach(e -> audit.add(e.path("summary").asText()));
        assertThat(audit).contains("o***@console.example changed the shop's support settings");
    }

    @Test
    void givenMembersOfTheShop_whenAnAgentListsThem_thenTheySeeTheirColleaguesWholeAddresses_andATokenOrTheAdminTokenSeesThemMasked() throws Exception {
        var listed = json(api.send("GET", BASE + "/members", agent, null)).path("items");
        assertThat(listed.findValuesAsText("address")).contains("owner@console.example", "lead@console.example", "agent@console.example");
        assertThat(listed.findValuesAsText("email")).contains("o***@console.example");

        var created = json(api.send("POST", BASE + "/tokens", owner, "{\"name\": \"crm-members\", \"role\": \"agent\"}"));
        for (var masked : List.of(api.bearer("GET", BASE + "/members", created.path("token").asText(), null),
                api.admin("GET", BASE + "/members", null))) {
            assertThat(masked.statusCode()).isEqualTo(200);
            assertThat(json(masked).path("items").findValuesAsText("address")).as("an integration's or the deployment's view").isEmpty();
            assertThat(masked.body()).doesNotContain("owner@console.example", "lead@console.example");
        }
    }

    @Test
    void givenTwoChangesInOneMillisecond_whenAudited_thenEachIsItsOwnEntryNewestFirst() throws Exception {
        // the clock stands still: every change below lands in the same millisecond
        String settings = "o***@console.example changed the shop's support settings";
        long before = audit().stream().filter(settings::equals).count();
        for (String hours : List.of("08:00-16:00", "09:00-17:00")) {
            assertThat(api.send("PUT", BASE + "/settings", owner, "{\"support\": {\"businessHours\": {\"tue\": [\"" + hours + "\"]}}}").statusCode())
                    .isEqualTo(200);
        }
        List<String> added = new ArrayList<>();
        for (String title : List.of("First of the millisecond", "Second of the millisecond")) {
            var reply = api.send("POST", BASE + "/saved-replies", lead, "{\"title\": \"" + title + "\", \"body\": \"Hi\"}");
            assertThat(reply.statusCode()).isEqualTo(201);
            added.add(json(reply).path("id").asText());
        }

        List<String> audit = audit();
        assertThat(audit.stream().filter(settings::equals).count()).isEqualTo(before + 2);
        assertThat(audit.subList(0, 2)).containsExactly("l***@console.example added the saved reply \"Second of the millisecond\"",
                "l***@console.example added the saved reply \"First of the millisecond\"");
        for (String id : added) { // the other tests count the shop's saved replies
            assertThat(api.send("DELETE", BASE + "/saved-replies/" + id, lead, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void givenBadSettingsOrARoleBelowOwner_whenPut_thenRefusedWithTheAdminApisMessageAndNothingIsWritten() throws Exception {
        String bad = "{\"support\": {\"holidays\": [\"someday\"]}}";
        var admin = api.admin("PATCH", "/admin/shops/" + SHOP, bad);
        var before = items();
        var console = api.send("PUT", BASE + "/settings", owner, bad);
        assertThat(console.statusCode()).isEqualTo(400);
        assertThat(json(console)).as("the admin API's answer").isEqualTo(json(admin));
        refused(api.send("PUT", BASE + "/settings", owner, "{\"support\": {\"chatWebhookUrl\": \"https://hooks.example/x\"}}"), "support.chatWebhookUrl");
        refused(api.send("PUT", BASE + "/settings", owner, "{\"requireSecondFactor\": \"yes\", \"support\": {\"holidays\": []}}"), "requireSecondFactor");
        assertThat(api.send("PUT", BASE + "/settings", lead, "{\"support\": {\"holidays\": []}}").statusCode()).isEqualTo(403);
        assertThat(api.send("GET", BASE + "/settings", lead, null).statusCode()).isEqualTo(403);
        assertThat(items()).isEqualTo(before);
    }

    @Test
    void givenASignedInPerson_whenTheySaveTheirPreferences_thenTheirSessionReturnsThem() throws Exception {
        assertThat(json(api.send("GET", "/auth/session", agent, null)).hasNonNull("preferences")).isFalse();

        var saved = api.send("PUT", "/auth/preferences", agent, "{\"language\": \"pl\", \"zone\": \"Europe/Warsaw\"}");
        assertThat(saved.statusCode()).isEqualTo(200);

        assertThat(json(api.send("GET", "/auth/session", agent, null)).path("preferences").toString())
                .isEqualTo("{\"language\":\"pl\",\"zone\":\"Europe/Warsaw\",\"weeklySummary\":true}");
        assertThat(json(api.send("GET", "/auth/session", lead, null)).hasNonNull("preferences")).as("someone else's").isFalse();
    }

    @Test
    void givenAnOwnerWhoTurnsTheWeeklySummaryOff_whenTheConsoleLaterSavesOnlyTheirLanguage_thenItStaysOff() throws Exception {
        var off = api.send("PUT", "/auth/preferences", owner, "{\"language\": \"en\", \"zone\": \"Europe/Warsaw\", \"weeklySummary\": false}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(api.send("PUT", "/auth/preferences", owner, "{\"language\": \"en\", \"zone\": \"Europe/London\"}").statusCode()).isEqualTo(200);

        var preferences = json(api.send("GET", "/auth/session", owner, null)).path("preferences");
        assertThat(preferences.path("zone").asText()).isEqualTo("Europe/London");
        assertThat(preferences.path("weeklySummary").asBoolean(true)).isFalse();
    }

    @Test
    void givenBadPreferencesOrNoSession_whenPut_thenRefusedAndNothingIsWritten() throws Exception {
        var before = items();
        refused(api.send("PUT", "/auth/preferences", lead, "{\"language\": \"de\", \"zone\": \"Europe/Berlin\"}"), "language");
        refused(api.send("PUT", "/auth/preferences", lead, "{\"language\": \"en-GB\", \"zone\": \"Europe/London\"}"), "language");
        refused(api.send("PUT", "/auth/preferences", lead, "{\"language\": \"en\", \"zone\": \"Mars/Olympus\"}"), "zone");
        refused(api.send("PUT", "/auth/preferences", lead, "{\"language\": \"en\", \"zone\": \"+02:00\"}"), "zone");
        refused(api.send("PUT", "/auth/preferences", lead, "{\"language\": \"en\"}"), "zone");
        refused(api.send("PUT", "/auth/preferences", lead, "{\"language\": \"en\", \"zone\": \"UTC\", \"weeklySummary\": \"no\"}"), "weeklySummary");
        assertThat(api.send("PUT", "/auth/preferences", null, "{\"language\": \"en\", \"zone\": \"UTC\"}").statusCode()).isEqualTo(401);
        assertThat(api.send("PUT", "/auth/preferences", new ApiClient.Signed(lead.cookie(), null), "{\"language\": \"en\", \"zone\": \"UTC\"}").statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(items()).isEqualTo(before);
    }

    private static List<String> audit() throws Exception {
        List<String> audit = new ArrayList<>();
        json(api.send("GET", BASE + "/audit?lang=en&limit=100", owner, null)).path("items").forEach(e -> audit.add(e.path("summary").asText()));
        return audit;
    }

    private static void refused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("field").asText()).isEqualTo(field);
    }

    private static List<String> titles(ApiClient.Signed who) throws Exception {
        var response = api.send("GET", BASE + "/saved-replies", who, null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        json(response).path("items").forEach(r -> titles.add(r.path("title").asText()));
        return titles;
    }

    private static List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        local.dynamoDb().client().scanPaginator(b -> b.tableName(LocalAftercare.TABLE).consistentRead(true)).items().forEach(items::add);
        return items;
    }
}
