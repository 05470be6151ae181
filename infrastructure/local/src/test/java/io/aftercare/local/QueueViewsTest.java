package io.aftercare.local;

import static io.aftercare.local.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.AdjustableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's queue views through the local runner's HTTP API, signed in as members: which tickets each view holds,
 * in which order, page by page. Urgent tickets count around the clock, so their deadlines are an hour after they were opened.
 */
class QueueViewsTest {

    private static final String SHOP = "queue-shop";
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final AdjustableClock CLOCK = new AdjustableClock(T0);
    private static LocalAftercare local;
    private static ApiClient api;
    private static ApiClient.Signed owner;
    private static ApiClient.Signed anna;
    private static String breached;
    private static String soonest;
    private static String annas;
    private static String pending;

    /**
     * {@code breached}: opened at 08:00, its first answer overdue since 09:00 (recorded by the sweep), next deadline 16:00.
     * {@code soonest}: opened at 09:10, due 10:10. {@code annas}: opened 09:15, due 10:15, assigned to Anna. {@code pending}: waiting for the customer.
     */
    @BeforeAll
    static void aShopWithTicketsInEveryState() throws Exception {
        local = LocalAftercare.start(LocalAftercare.Settings.ephemeral("queue-test-admin-token-0123456789", CLOCK));
        api = new ApiClient(local);
        assertThat(api.admin("POST", "/admin/shops", """
                {"id": "%s", "platform": "generic", "webhookSecret": "secret-0123456789abcdef", "brandName": "Queue", "senderEmail": "hello@queue.example"}"""
                .formatted(SHOP)).statusCode()).isEqualTo(201);
        assertThat(api.admin("POST", "/admin/shops/" + SHOP + "/owners", "{\"email\": \"owner@queue.example\"}").statusCode()).isEqualTo(201);
        owner = api.signIn("owner@queue.example");
        assertThat(api.send("POST", "/api/shops/" + SHOP + "/members", owner, """
                {"email": "anna@queue.example", "role": "agent", "language": "en"}""").statusCode()).isEqualTo(201);
        anna = api.signIn("anna@queue.example");

        breached = open("Broken lid", "Ola Nowak");
        CLOCK.advance(Duration.ofMinutes(70));
        local.sweep();
        soonest = open("Where is my parcel", "Jan Kowalski");
        CLOCK.advance(Duration.ofMinutes(5));
        annas = open("Wrong colour", "Maria Popescu");
        change(annas, "{\"assignee\": \"anna@queue.example\", \"version\": 1}");
        CLOCK.advance(Duration.ofMinutes(5));
        pending = open("Invoice please", "Piotr Zieliński");
        change(pending, "{\"status\": \"pending\", \"version\": 1}");
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void givenTicketsInEveryState_whenEachViewIsRead_thenItHoldsItsTicketsNearestBreachFirst() throws Exception {
        assertThat(ids(queue(owner, "all"))).containsExactly(soonest, annas, breached, pending);
        assertThat(ids(queue(owner, ""))).as("no view is all").containsExactly(soonest, annas, breached, pending);
        assertThat(ids(queue(anna, "mine"))).containsExactly(annas);
        assertThat(ids(queue(owner, "mine"))).isEmpty();
        assertThat(ids(queue(owner, "unassigned"))).containsExactly(soonest, breached, pending);
        assertThat(ids(queue(owner, "breaching"))).as("due by 10:20").containsExactly(soonest, annas);
        assertThat(ids(queue(owner, "breached"))).containsExactly(breached);
        assertThat(ids(queue(owner, "pending"))).containsExactly(pending);
    }

    @Test
    void givenAViewLongerThanAPage_whenReadPageByPage_thenEveryTicketComesOnceInOrder() throws Exception {
        List<String> seen = new ArrayList<>();
        String page = null;
        int pages = 0;
        do {
            JsonNode body = json(api.send("GET", "/api/shops/" + SHOP + "/tickets?view=unassigned&limit=2" + (page == null ? "" : "&page=" + page), owner, null));
            seen.addAll(ids(body));
            page = body.path("nextPageToken").isTextual() ? body.path("nextPageToken").asText() : null;
            pages++;
        } while (page != null);

        assertThat(seen).containsExactly(soonest, breached, pending);
        assertThat(pages).isBetween(2, 3);
        assertThat(api.send("GET", "/api/shops/" + SHOP + "/tickets?view=pending&page=" + firstPageToken("all"), owner, null).statusCode())
                .as("another view's token").isEqualTo(400);
    }

    @Test
    void givenARow_whenListed_thenItCarriesTheCustomersNameAndTheLastMessageWithoutAnotherRead() throws Exception {
        JsonNode row = row(queue(owner, "all"), soonest);
        assertThat(row.path("customerName").asText()).isEqualTo("Jan Kowalski");
        assertThat(row.path("lastMessage").path("by").asText()).isEqualTo("customer");
        assertThat(row.path("lastMessage").path("excerpt").asText()).isEqualTo("Please help with: Where is my parcel");
        assertThat(row.path("lastMessage").path("at").asText()).isEqualTo(T0.plus(Duration.ofMinutes(70)).toString());
    }

    @Test
    void givenAReplyAndAResolution_whenTheViewsAreReadAgain_thenTheyFollowTheTicketAtOnce() throws Exception {
        String other = open("Scratched box", "Ewa Lis");
        var replied = api.send("POST", "/api/shops/" + SHOP + "/tickets/" + other + "/replies", anna, "{\"version\": 1, \"message\": \"A new one is on its way.\"}");
        assertThat(replied.statusCode()).isEqualTo(200);
        JsonNode row = row(queue(owner, "unassigned"), other);
        assertThat(row.path("lastMessage").path("by").asText()).as("the agent, masked").isEqualTo("a***@queue.example");
        assertThat(row.path("lastMessage").path("excerpt").asText()).isEqualTo("A new one is on its way.");

        change(other, "{\"status\": \"resolved\", \"version\": 2}");

        for (String view : List.of("all", "unassigned", "breaching")) {
            assertThat(ids(queue(owner, view))).as(view).doesNotContain(other);
        }
    }

    @Test
    void givenAnUnknownViewOrMineAskedWithAToken_whenRead_thenRefusedWithA400() throws Exception {
        var unknown = api.send("GET", "/api/shops/" + SHOP + "/tickets?view=urgent", owner, null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("field").asText()).isEqualTo("view");
        var token = json(api.send("POST", "/api/shops/" + SHOP + "/tokens", owner, "{\"name\": \"crm\", \"role\": \"agent\"}")).path("token").asText();
        var mine = api.bearer("GET", "/api/shops/" + SHOP + "/tickets?view=mine", token, null);
        assertThat(mine.statusCode()).isEqualTo(400);
        assertThat(json(mine).path("field").asText()).isEqualTo("view");
    }

    private static String open(String subject, String name) throws Exception {
        var opened = api.send("POST", "/api/shops/" + SHOP + "/tickets", owner, """
                {"customer": {"email": "%s@example.com", "name": "%s"}, "subject": "%s", "message": "Please help with: %s", "priority": "urgent"}"""
                .formatted(name.split(" ")[0].toLowerCase(), name, subject, subject));
        assertThat(opened.statusCode()).isEqualTo(201);
        return json(opened).path("id").asText();
    }

    private static void change(String ticket, String body) throws Exception {
        assertThat(api.send("PATCH", "/api/shops/" + SHOP + "/tickets/" + ticket, owner, body).statusCode()).isEqualTo(200);
    }

    private static JsonNode queue(ApiClient.Signed who, String view) throws Exception {
        var response = api.send("GET", "/api/shops/" + SHOP + "/tickets" + (view.isEmpty() ? "" : "?view=" + view), who, null);
        assertThat(response.statusCode()).as(view).isEqualTo(200);
        return json(response);
    }

    private static String firstPageToken(String view) throws Exception {
        return json(api.send("GET", "/api/shops/" + SHOP + "/tickets?view=" + view + "&limit=1", owner, null)).path("nextPageToken").asText();
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false).map(t -> t.path("id").asText()).toList();
    }

    private static JsonNode row(JsonNode page, String id) {
        return StreamSupport.stream(page.path("items").spliterator(), false).filter(t -> t.path("id").asText().equals(id)).findFirst().orElseThrow();
    }
}
