package io.aftercare.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.feedback.Survey;
import io.aftercare.domain.feedback.SurveyKind;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Language;
import io.aftercare.dynamodb.DynamoSurveyStore;
import io.aftercare.lambda.ConsoleHandler;
import io.aftercare.lambda.http.Gate;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Debian's headless Chromium, driven by Selenium, against the local runner on its real HTTP port with
 * DynamoDB Local and the SES emulator: sign-in by the emailed link, the queue, a ticket with its customer and order,
 * replies and their conflicts, presence, the keyboard, and axe-core in every view. Screenshots of each view go to
 * {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest {

    private static final String ADMIN = "console-test-admin-token-0123456789";
    private static final String SHOP = "console-shop";
    private static final String SECRET = "console-test-webhook-secret-0123";
    private static final String CUSTOMER = "jon@example.com";
    private static final String ORDER = "1042";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<]+/auth/link/[A-Za-z0-9_-]+");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The browser's clock is the machine's: the server's starts there too, so the SLA chips count down from the same now. */
    private static final AdjustableClock CLOCK = new AdjustableClock(Instant.now());
    private static LocalAftercare local;
    private static String breaching;
    private static String breachingNumber;
    private static String calm;
    private static String third;
    private static String forKeys;
    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void aShopWithAnOrderAndTickets() throws Exception {
        local = LocalAftercare.start(LocalAftercare.Settings.ephemeral(ADMIN, CLOCK));
        assertThat(admin("POST", "/admin/shops", """
                {"id": "%s", "platform": "generic", "webhookSecret": "%s", "brandName": "Console Shop",
                 "senderEmail": "hello@console.example"}""".formatted(SHOP, SECRET)).statusCode()).isEqualTo(201);
        assertThat(admin("POST", "/admin/shops/" + SHOP + "/owners", "{\"email\": \"owner@console.example\"}").statusCode()).isEqualTo(201);
        for (String agent : List.of("anna", "boris", "keys", "sue")) {
            assertThat(admin("POST", "/api/shops/" + SHOP + "/members", """
                    {"email": "%s@console.example", "role": "agent"}""".formatted(agent)).statusCode()).isEqualTo(201);
        }
        assertThat(admin("POST", "/api/shops/" + SHOP + "/members", """
                {"email": "mia@console.example", "role": "manager"}""").statusCode()).isEqualTo(201);
        byte[] order = """
                {"schema": "aftercare.webhook.v1", "id": "evt-console-1", "type": "order.created", "occurred_at": "%1$s",
                 "data": {"id": "%2$s", "number": "1042", "created_at": "%1$s", "paid_at": "%1$s", "currency": "EUR", "total": "49.90",
                          "customer": {"email": "%3$s", "name": "Jon Snow", "locale": "en"},
                          "lines": [{"title": "Kettle", "quantity": 1, "price": "49.90"}]}}""".formatted(CLOCK.instant(), ORDER, CUSTOMER)
                .getBytes(StandardCharsets.UTF_8);
        var webhook = HttpRequest.newBuilder(uri("/webhooks/generic/" + SHOP)).POST(HttpRequest.BodyPublishers.ofByteArray(order));
        WebhookSigner.generic(SECRET, order).forEach(webhook::header);
        assertThat(HTTP.send(webhook.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        local.sweep(); // the order's emails: sent or skipped, each with its reason on the timelines

        // opened three hours ago and urgent: its first answer is overdue, so it leads the queue
        CLOCK.advance(Duration.ofHours(-3));
        var urgent = json(admin("POST", "/api/shops/" + SHOP + "/tickets", """
                {"customer": {"email": "%s", "name": "Jon <b>Snow</b>"}, "subject": "Where is my parcel?", "message": "It has not come.",
                 "orderId": "%s", "priority": "urgent"}""".formatted(CUSTOMER, ORDER)));
        CLOCK.advance(Duration.ofHours(3));
        breaching = urgent.path("id").asText();
        breachingNumber = urgent.path("number").asText();
        calm = json(admin("POST", "/api/shops/" + SHOP + "/tickets", """
                {"customer": {"email": "ann@example.com", "name": "Ann"}, "subject": "Size exchange", "message": "Can I swap it?",
                 "priority": "low"}""")).path("id").asText();
        third = json(admin("POST", "/api/shops/" + SHOP + "/tickets", """
                {"customer": {"email": "bob@example.com", "name": "Bob"}, "subject": "Broken lid", "message": "The lid broke.",
                 "priority": "normal"}""")).path("id").asText();
        forKeys = json(admin("POST", "/api/shops/" + SHOP + "/tickets", """
                {"customer": {"email": "kim@example.com", "name": "Kim"}, "subject": "Wrong colour", "message": "It is red.",
                 "priority": "normal"}""")).path("id").asText();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void givenAMemberSigningInByTheEmailedLink_whenTheyOpenTheBreachingTicketFirstAndReply_thenTheCustomersEmailArrivesInTheEmulator() throws Exception {
        WebDriver browser = browser();
        browser.get(uri("/console").toString());
        screenshot(browser, "sign-in");
        signIn(browser, "owner@console.example");

        var cookie = browser.manage().getCookieNamed("aftercare_session");
        assertThat(cookie).as("Chromium keeps the Secure cookie on http://127.0.0.1, a secure context").isNotNull();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        WebElement first = waitFor(browser, By.cssSelector("[data-testid=queue] tbody tr"));
        assertThat(first.getAttribute("data-ticket")).as("the nearest breach first").isEqualTo(breaching);
        assertThat(first.findElement(By.cssSelector("[data-sla]")).getAttribute("data-sla")).isEqualTo("breached");
        assertThat(first.getText()).contains("Jon <b>Snow</b>").as("a customer's name is text, never markup");
        screenshot(browser, "queue");

        first.findElement(By.cssSelector("a")).click();
        waitFor(browser, By.cssSelector("[data-testid=order-timeline] li"));
        assertThat(browser.findElement(By.cssSelector("[data-testid=order]")).getText()).contains("1042", "49.90 EUR");
        assertThat(browser.findElements(By.cssSelector("[data-testid=emails] li"))).as("the customer's emails, sent or skipped").isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("[data-testid=order-timeline] li")).stream().map(WebElement::getText))
                .anyMatch(text -> !text.isBlank());
        screenshot(browser, "ticket");

        browser.findElement(By.id("reply")).sendKeys("Sorry, Jon: a new parcel is on its way today.");
        browser.findElement(By.cssSelector("form.composer button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(b -> b.findElements(By.cssSelector("[data-kind=reply]")).size() == 1);
        local.sweep(); // the reply's email is an urgent action, sent by the next sweep

        assertThat(local.ses().emailsTo(CUSTOMER)).anyMatch(email -> email.text().contains("a new parcel is on its way today"));
        assertThat(browser.findElement(By.id("reply")).getAttribute("value")).as("the sent draft is gone").isEmpty();
    }

    @Test
    void givenTwoMembersOnOneTicket_whenBothReply_thenEachSeesTheOther_andTheSecondSeesTheConflictWithItsDraftKeptAcrossAReload() throws Exception {
        WebDriver anna = browser();
        WebDriver boris = browser();
        signIn(anna, "anna@console.example");
        signIn(boris, "boris@console.example");
        for (WebDriver b : List.of(anna, boris)) {
            waitFor(b, By.cssSelector("[data-testid=queue]"));
            b.get(uri("/console/tickets/" + calm).toString());
            waitFor(b, By.id("reply"));
        }

        new WebDriverWait(anna, WAIT).until(b -> b.findElements(By.cssSelector("[data-testid=presence]")).stream()
                .anyMatch(p -> p.getText().contains("b***@console.example")));
        new WebDriverWait(boris, WAIT).until(b -> b.findElements(By.cssSelector("[data-testid=presence]")).stream()
                .anyMatch(p -> p.getText().contains("a***@console.example")));
        screenshot(boris, "ticket-presence");

        anna.findElement(By.id("reply")).sendKeys("Yes, Ann: send it back and we swap it.");
        anna.findElement(By.cssSelector("form.composer button[type=submit]")).click();
        new WebDriverWait(anna, WAIT).until(b -> b.findElements(By.cssSelector("[data-kind=reply]")).size() == 1);
        String draft = "Hello Ann, of course you can.";
        boris.findElement(By.id("reply")).sendKeys(draft);
        boris.findElement(By.cssSelector("form.composer button[type=submit]")).click();

        WebElement conflict = waitFor(boris, By.cssSelector("[data-testid=conflict]"));
        assertThat(conflict.getText()).contains("a***@console.example replied meanwhile").contains("send it back and we swap it");
        assertThat(boris.findElement(By.id("reply")).getAttribute("value")).isEqualTo(draft);
        screenshot(boris, "ticket-conflict");
        boris.navigate().refresh();
        assertThat(waitFor(boris, By.id("reply")).getAttribute("value")).as("the draft survives a reload").isEqualTo(draft);
    }

    @Test
    void givenOnlyTheKeyboard_whenAMemberWorksTheQueueAndATicket_thenEachShortcutDoesWhatItsHelpSays() throws Exception {
        WebDriver browser = browser();
        browser.get(uri("/console").toString());
        int before = local.ses().emailsTo("keys@console.example").size();
        waitFor(browser, By.id("email")).sendKeys("keys@console.example", Keys.ENTER);
        followLink(browser, "keys@console.example", before, true);
        waitFor(browser, By.cssSelector("[data-testid=queue] tbody tr"));
        var rows = browser.findElements(By.cssSelector("[data-testid=queue] tbody tr"));

        press(browser, "j");
        assertThat(selected(browser)).isEqualTo(rows.get(1).getAttribute("data-ticket"));
        press(browser, "k");
        assertThat(selected(browser)).isEqualTo(rows.get(0).getAttribute("data-ticket"));
        for (int i = 0; i < rows.size() && !forKeys.equals(selected(browser)); i++) {
            press(browser, "j");
        }
        String opened = selected(browser);
        assertThat(opened).isEqualTo(forKeys);
        press(browser, Keys.ENTER);
        waitFor(browser, By.id("reply"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/tickets/" + opened);

        press(browser, "r");
        assertThat(active(browser)).isEqualTo("reply");
        press(browser, Keys.ESCAPE);
        press(browser, "n");
        assertThat(active(browser)).isEqualTo("note");
        press(browser, Keys.ESCAPE);
        press(browser, "a");
        new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.cssSelector(".controls")).getText().contains("keys@console.example"));
        press(browser, "e");
        new WebDriverWait(browser, WAIT).until(b -> "resolved".equals(b.findElement(By.cssSelector(".controls select")).getAttribute("value")));
        press(browser, "?");
        assertThat(waitFor(browser, By.cssSelector("[data-testid=help]")).getText()).contains("j / k", "Enter", "/");
        screenshot(browser, "help");
        press(browser, Keys.ESCAPE);
        press(browser, "/");
        new WebDriverWait(browser, WAIT).until(b -> "search".equals(active(b)));
        assertThat(browser.getCurrentUrl()).endsWith("/console/search");
        assertThat(json(admin("GET", "/api/shops/" + SHOP + "/tickets/" + opened, null)).path("ticket").path("status").asText()).isEqualTo("resolved");
    }

    @Test
    void givenANoteMentioningAMemberPickedAfterAnAt_whenAdded_thenTheMemberIsEmailedALinkToTheTicket() throws Exception {
        WebDriver browser = browser();
        signIn(browser, "owner@console.example");
        waitFor(browser, By.cssSelector("[data-testid=queue]"));
        browser.get(uri("/console/tickets/" + third).toString());
        WebElement note = waitFor(browser, By.id("note"));
        note.sendKeys("Could you look at this, @ris");
        WebElement offered = waitFor(browser, By.cssSelector("[data-testid=mentions] button"));
        assertThat(browser.findElements(By.cssSelector("[data-testid=mentions] button"))).as("only boris's address has \"ris\" in it").hasSize(1);
        assertThat(offered.getText()).as("a colleague's whole address").contains("boris@console.example");
        screenshot(browser, "ticket-mention");
        note.sendKeys(Keys.ARROW_DOWN);
        press(browser, Keys.ENTER);
        new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.id("note")).getAttribute("value")
                .equals("Could you look at this, @b***@console.example "));
        browser.findElement(By.id("note")).sendKeys("the lid photos are in.");
        browser.findElements(By.cssSelector("form.composer button[type=submit]")).getLast().click();
        new WebDriverWait(browser, WAIT).until(b -> b.findElements(By.cssSelector("[data-kind=note]")).stream()
                .anyMatch(e -> e.getText().contains("mentions b***@console.example")));
        int before = local.ses().emailsTo("boris@console.example").size();

        local.sweep(); // the mention is an urgent action, sent by the next sweep

        assertThat(local.ses().emailsTo("boris@console.example")).hasSize(before + 1).last().satisfies(email ->
                assertThat(email.text()).contains("mentioned you in a note").contains("/console/tickets/" + third));
        assertThat(local.ses().emailsTo("anna@console.example")).noneMatch(email -> email.subject().contains("mentioned you"));
    }

    @Test
    void givenAnOwnersSettingsForms_whenTheyInviteAddATokenAReplyAndChangeHoursAndTheLadder_thenTheApiKeepsItAndABadFieldIsNamedBesideIt() throws Exception {
        WebDriver browser = browser();
        signIn(browser, "owner@console.example");
        browser.get(uri("/console/settings").toString());

        waitFor(browser, By.id("member-email")).sendKeys("not an address");
        browser.findElement(By.cssSelector("#add-member button[type=submit]")).click();
        assertThat(waitFor(browser, By.id("invite-email-error")).getText()).contains("not an email address");
        assertThat(browser.findElement(By.id("member-email")).getAttribute("aria-describedby")).isEqualTo("invite-email-error");
        browser.findElement(By.id("member-email")).clear();
        browser.findElement(By.id("member-email")).sendKeys("dora@console.example");
        new Select(browser.findElement(By.id("member-role"))).selectByVisibleText("lead");
        browser.findElement(By.cssSelector("#add-member button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.cssSelector("[data-testid=members]")).getText().contains("dora@console.example"));
        assertThat(browser.findElement(By.id("member-email")).getAttribute("value")).as("cleared once the server confirmed").isEmpty();

        WebElement tuesday = browser.findElement(By.id("hours-tue"));
        tuesday.clear();
        tuesday.sendKeys("10:00-14:00", Keys.TAB); // typed, not saved yet, while the other forms save
        browser.findElement(By.id("token-name")).sendKeys("crm");
        browser.findElement(By.xpath("//button[text()='Create token']")).click();
        assertThat(waitFor(browser, By.cssSelector("[data-testid=token-shown] code")).getText()).hasSizeGreaterThan(20);
        new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.cssSelector("[data-testid=tokens]")).getText().contains("crm"));

        browser.findElement(By.id("reply-title-new")).sendKeys("Apology");
        browser.findElement(By.id("reply-body-new")).sendKeys("Sorry, {{customer}}: we are on it.");
        browser.findElement(By.xpath("//form[@aria-label='New saved reply']//button[@type='submit']")).click();
        assertThat(waitFor(browser, By.id("reply-body-error-new")).getText()).as("the server's 400, beside its field").contains("{{customer}} is not a placeholder");
        assertThat(browser.findElement(By.id("reply-body-new")).getAttribute("aria-describedby")).isEqualTo("reply-body-error-new");
        assertThat(browser.findElement(By.id("reply-title-new")).getAttribute("value")).as("what was typed is kept").isEqualTo("Apology");
        WebElement body = browser.findElement(By.id("reply-body-new"));
        assertThat(body.getAttribute("value")).isEqualTo("Sorry, {{customer}}: we are on it.");
        body.clear();
        body.sendKeys("Sorry, {{name}}: we are on it.");
        browser.findElement(By.xpath("//form[@aria-label='New saved reply']//button[@type='submit']")).click();
        new WebDriverWait(browser, WAIT).until(b -> b.findElements(By.cssSelector("[data-testid=saved-replies] li")).size() == 1);
        new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.id("reply-title-new")).getAttribute("value").isEmpty());
        assertThat(browser.findElements(By.id("reply-body-error-new"))).isEmpty();
        assertThat(browser.findElement(By.id("hours-tue")).getAttribute("value")).as("the support form kept its typing").isEqualTo("10:00-14:00");

        WebElement monday = browser.findElement(By.id("hours-mon"));
        monday.clear();
        monday.sendKeys("9 to 5", Keys.TAB);
        browser.findElement(By.cssSelector("[data-testid=support-form] > button[type=submit]")).click();
        assertThat(waitFor(browser, By.id("support-businessHours-error")).getText()).contains("09:00-17:00");
        screenshot(browser, "settings-error");
        monday = browser.findElement(By.id("hours-mon"));
        monday.clear();
        monday.sendKeys("08:00-16:00", Keys.TAB);
        browser.findElements(By.cssSelector("[data-testid=ladder] > li button")).getLast().click(); // levels are 1 to 3: the third anew
        browser.findElement(By.xpath("//button[text()='Add a level']")).click();
        WebElement lastLevel = browser.findElements(By.cssSelector("[data-testid=ladder] > li")).getLast();
        lastLevel.findElement(By.xpath(".//label[contains(., 'manager')]/input")).click();
        browser.findElement(By.cssSelector("[data-testid=support-form] > button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(b -> b.findElements(By.id("support-businessHours-error")).isEmpty()
                && b.findElement(By.cssSelector("[role=status]")).getText().equals("Saved."));
        screenshot(browser, "settings-forms");

        var support = json(admin("GET", "/admin/shops/" + SHOP, null)).path("support");
        assertThat(support.path("businessHours").path("mon").get(0).asText()).isEqualTo("08:00-16:00");
        assertThat(support.path("businessHours").path("tue").get(0).asText()).isEqualTo("10:00-14:00");
        var ladder = support.path("escalation");
        assertThat(ladder.get(ladder.size() - 1).path("level").asInt()).isEqualTo(3);
        assertThat(ladder.get(ladder.size() - 1).path("roles").get(0).asText()).isEqualTo("manager");
        var members = json(admin("GET", "/api/shops/" + SHOP + "/members", null)).path("items");
        assertThat(members).anySatisfy(m -> {
            assertThat(m.path("email").asText()).as("the admin token's view").isEqualTo("d***@console.example");
            assertThat(m.path("role").asText()).isEqualTo("lead");
        });
        assertThat(json(admin("GET", "/api/shops/" + SHOP + "/saved-replies", null)).path("items").get(0).path("title").asText()).isEqualTo("Apology");
    }

    @Test
    void givenAManager_whenTheyTurnTheWeeklySummaryOffInTheConsole_thenTheApiKeepsItOffWithTheirLanguageAndZone_andItShowsOffAfterAReload_andTurnsOnAgain_andAFailedSaveIsSaid_whileAnAgentIsNotOfferedIt() throws Exception {
        WebDriver browser = browser();
        signIn(browser, "mia@console.example"); // not the owner: the other tests ask for as many links as one address may have
        WebElement weekly = waitFor(browser, By.id("weekly-summary"));
        assertThat(weekly.isSelected()).as("on until they turn it off").isTrue();
        String language = shown(browser, "Language");
        String zone = shown(browser, "Time zone");

        weekly.sendKeys(Keys.SPACE);
        new WebDriverWait(browser, WAIT).until(b -> !kept(b).path("weeklySummary").asBoolean(true));
        assertThat(kept(browser).path("language").asText()).isEqualTo(language);
        assertThat(kept(browser).path("zone").asText()).isEqualTo(zone);
        assertThat(browser.findElements(By.cssSelector("header [role=alert]"))).isEmpty();

        browser.navigate().refresh();
        weekly = waitFor(browser, By.id("weekly-summary"));
        assertThat(weekly.isSelected()).as("read back from the session").isFalse();
        assertThat(shown(browser, "Language")).isEqualTo(language);
        assertThat(shown(browser, "Time zone")).isEqualTo(zone);
        weekly.click();
        new WebDriverWait(browser, WAIT).until(b -> kept(b).path("weeklySummary").asBoolean(false));
        assertThat(kept(browser).path("zone").asText()).isEqualTo(zone);

        browser.manage().deleteCookieNamed(Gate.SESSION_COOKIE); // the API now refuses the page's next save
        weekly.sendKeys(Keys.SPACE);
        assertThat(waitFor(browser, By.cssSelector("header [role=alert]")).getText()).startsWith("Your weekly summary setting was not saved");
        assertThat(weekly.isSelected()).as("back to what the API still has").isTrue();

        WebDriver agent = browser();
        signIn(agent, "anna@console.example");
        waitFor(agent, By.cssSelector("[data-testid=queue]"));
        assertThat(agent.findElements(By.id("weekly-summary"))).as("agents get no summary to turn off").isEmpty();
    }

    /** The value of the header's select with this label: the code the API keeps, for the language and the zone. */
    private static String shown(WebDriver browser, String label) {
        return new Select(browser.findElement(By.xpath("//header//label[starts-with(normalize-space(), '" + label + "')]/select")))
                .getFirstSelectedOption().getAttribute("value");
    }

    /** The preferences the API kept for whoever is signed in in this browser: its session cookie on {@code GET /auth/session}. */
    private static JsonNode kept(WebDriver browser) {
        var session = browser.manage().getCookieNamed(Gate.SESSION_COOKIE);
        try {
            return json(HTTP.send(HttpRequest.newBuilder(uri("/auth/session")).header("Cookie", Gate.SESSION_COOKIE + "=" + session.getValue()).build(),
                    HttpResponse.BodyHandlers.ofString())).path("preferences");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenTheCustomersSurveyAnswers_whenTheirTicketIsOpened_thenThePanelShowsEachScoreCommentDateAndWhatItWasAbout_asTextInTheirLanguage() throws Exception {
        // written through the store the panel reads them with, as the survey pages write a click and a comment
        var surveys = new DynamoSurveyStore(local.dynamoDb().client(), LocalAftercare.TABLE);
        String customer = new EmailAddress(CUSTOMER).hash();
        Instant sent = CLOCK.instant().minus(Duration.ofDays(3));
        var nps = Survey.sent(new ShopId(SHOP), "survey-console-nps", SurveyKind.NPS, customer, Language.EN, Optional.of(new OrderId(ORDER)),
                Optional.empty(), Optional.empty(), Optional.empty(), sent);
        var csat = Survey.sent(new ShopId(SHOP), "survey-console-csat", SurveyKind.CSAT, customer, Language.EN, Optional.empty(),
                Optional.of(breaching), Optional.empty(), Optional.empty(), sent.plusSeconds(60));
        var unanswered = Survey.sent(new ShopId(SHOP), "survey-console-ces", SurveyKind.CES, customer, Language.EN, Optional.of(new OrderId(ORDER)),
                Optional.empty(), Optional.empty(), Optional.empty(), sent.plusSeconds(120));
        for (Survey survey : List.of(nps, csat, unanswered)) {
            surveys.sent(survey);
        }
        var npsAnswered = nps.answered(9, sent.plus(Duration.ofHours(2)));
        assertThat(surveys.save(npsAnswered, List.of())).isTrue();
        assertThat(surveys.save(npsAnswered.commented("<b>Great</b> kettle, boils fast"), List.of())).isTrue();
        assertThat(surveys.save(csat.answered(2, sent.plus(Duration.ofHours(3))), List.of())).isTrue();

        WebDriver browser = browser();
        signIn(browser, "sue@console.example");
        waitFor(browser, By.cssSelector("[data-testid=queue]"));
        browser.get(uri("/console/tickets/" + breaching).toString());
        waitFor(browser, By.cssSelector("[data-testid=surveys] li"));
        var answers = browser.findElements(By.cssSelector("[data-testid=surveys] li"));
        assertThat(answers).as("the answered ones: the effort survey is not answered yet").hasSize(2);
        WebElement promoter = browser.findElement(By.cssSelector("[data-testid=surveys] li[data-survey=nps]"));
        assertThat(promoter.getText()).contains("Recommendation (NPS, 0–10): score 9", "about order " + ORDER)
                .contains("<b>Great</b> kettle, boils fast").as("a customer's comment is text, never markup");
        assertThat(promoter.findElements(By.tagName("b"))).isEmpty();
        assertThat(promoter.findElement(By.tagName("time")).getAttribute("datetime")).isEqualTo(npsAnswered.answeredAt().orElseThrow().truncatedTo(ChronoUnit.MILLIS).toString());
        assertThat(browser.findElement(By.cssSelector("[data-testid=surveys] li[data-survey=csat]")).getText())
                .contains("Satisfaction (CSAT, 1–5): score 2", "about ticket " + breachingNumber);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", promoter);
        screenshot(browser, "ticket-surveys");

        for (var language : List.of(List.of("Polski", "Polecenie (NPS, 0–10): ocena 9", "o zamówieniu " + ORDER),
                List.of("Русский", "Готовность рекомендовать (NPS, 0–10): оценка 9", "о заказе " + ORDER),
                List.of("Română", "Recomandare (NPS, 0–10): nota 9", "despre comanda " + ORDER),
                List.of("English", "Recommendation (NPS, 0–10): score 9", "about order " + ORDER))) {
            new Select(browser.findElement(By.xpath("//header//select[option[@value='pl']]"))).selectByVisibleText(language.get(0));
            new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.cssSelector("[data-testid=surveys] li[data-survey=nps]")).getText()
                    .contains(language.get(1)));
            assertThat(browser.findElement(By.cssSelector("[data-testid=surveys] li[data-survey=nps]")).getText()).contains(language.get(2));
        }
    }

    @Test
    void givenScriptedOrdersAndTickets_whenAManagerOpensTheMetrics_thenTheChartsShowTheApisNumbersForEachPeriod_andAnAgentCannotOpenThem() throws Exception {
        for (var order : List.of(List.of("2001", "20.00"), List.of("2002", "30.50"))) {
            byte[] body = """
                    {"schema": "aftercare.webhook.v1", "id": "evt-metrics-%1$s", "type": "order.created", "occurred_at": "%2$s",
                     "data": {"id": "%1$s", "number": "%1$s", "created_at": "%2$s", "paid_at": "%2$s", "currency": "EUR", "total": "%3$s",
                              "customer": {"email": "buyer-%1$s@example.com", "name": "Buyer %1$s", "locale": "en"},
                              "lines": [{"title": "Mug", "quantity": 1, "price": "%3$s"}]}}""".formatted(order.get(0), CLOCK.instant(), order.get(1))
                    .getBytes(StandardCharsets.UTF_8);
            var webhook = HttpRequest.newBuilder(uri("/webhooks/generic/" + SHOP)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            WebhookSigner.generic(SECRET, body).forEach(webhook::header);
            assertThat(HTTP.send(webhook.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        while (local.aggregate() > 0) {
            // the stream folded into the day's figures, as the aggregator's event source mapping would
        }

        WebDriver manager = browser();
        signIn(manager, "mia@console.example");
        waitFor(manager, By.xpath("//nav//a[text()='Metrics']")).click();
        for (String period : List.of("day", "week", "month")) {
            new Select(waitFor(manager, By.id("metrics-period"))).selectByValue(period);
            var api = json(admin("GET", "/api/shops/" + SHOP + "/metrics?period=" + period + "&" + range(period), null));
            List<String> orders = new ArrayList<>();
            List<String> revenue = new ArrayList<>();
            api.path("items").forEach(item -> {
                orders.add(item.path("start").asText() + " " + item.path("orders").asText());
                var eur = item.path("revenue").path("EUR");
                revenue.add(item.path("start").asText() + " " + (eur.isMissingNode() ? "–" : new BigDecimal(eur.asText()).stripTrailingZeros().toPlainString()));
            });
            assertThat(orders).as(period).anyMatch(row -> !row.endsWith(" 0"));
            new WebDriverWait(manager, WAIT).until(b -> rows(b, "Orders").equals(orders));
            assertThat(rows(manager, "Revenue").stream().map(row -> row.substring(0, row.lastIndexOf(' '))).toList())
                    .as("revenue, then the average order value").isEqualTo(revenue);
            assertThat(manager.findElements(By.cssSelector(".chart canvas"))).as("uPlot drew the charts").hasSizeGreaterThanOrEqualTo(4);
        }
        screenshot(manager, "metrics");
        assertThat(violations(manager, "metrics")).isEmpty();

        WebDriver agent = browser();
        signIn(agent, "anna@console.example");
        waitFor(agent, By.cssSelector("[data-testid=queue]"));
        assertThat(agent.findElements(By.xpath("//nav//a[text()='Metrics']"))).as("not offered to an agent").isEmpty();
        agent.get(uri("/console/metrics").toString());
        assertThat(waitFor(agent, By.cssSelector("main.metrics [role=alert]")).getText()).contains("needs the manager role");
        assertThat(agent.findElements(By.cssSelector("[data-testid=chart-data]"))).isEmpty();
    }

    /** The period's rows of a chart's table of numbers: its start and its values, as the page shows them (read at once: it re-renders). */
    @SuppressWarnings("unchecked")
    private static List<String> rows(WebDriver browser, String chart) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll(`[data-testid=chart-data][data-chart='${arguments[0]}'] tbody tr`)]
                  .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent.trim()).join(' '));""", chart);
    }

    /** The range the metrics page asks for: the last 30 days, 26 weeks or 12 months up to today (UTC, as the browser reckons it). */
    private static String range(String period) {
        var today = LocalDate.now(ZoneOffset.UTC);
        int days = switch (period) {
            case "day" -> 30;
            case "week" -> 182;
            default -> 365;
        };
        return "from=" + today.minusDays(days - 1) + "&to=" + today;
    }

    @Test
    void givenEveryView_whenAxeCoreRunsInThePage_thenNoViolationIsSeriousOrCritical() throws Exception {
        WebDriver browser = browser();
        browser.get(uri("/console").toString());
        waitFor(browser, By.id("email"));
        List<String> found = new ArrayList<>(violations(browser, "sign-in"));
        signIn(browser, "owner@console.example");
        waitFor(browser, By.cssSelector("[data-testid=queue] tbody tr"));
        found.addAll(violations(browser, "queue"));
        browser.get(uri("/console/tickets/" + third).toString());
        waitFor(browser, By.id("reply"));
        found.addAll(violations(browser, "ticket"));
        press(browser, "?");
        waitFor(browser, By.cssSelector("[data-testid=help]"));
        found.addAll(violations(browser, "help"));
        browser.get(uri("/console/search").toString());
        waitFor(browser, By.id("search"));
        found.addAll(violations(browser, "search"));
        screenshot(browser, "search");
        browser.get(uri("/console/settings").toString());
        waitFor(browser, By.id("member-email"));
        found.addAll(violations(browser, "settings"));
        screenshot(browser, "settings");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(uri("/console/tickets/" + third).toString());
        waitFor(browser, By.id("reply"));
        found.addAll(violations(browser, "ticket on a phone"));
        screenshot(browser, "ticket-phone");

        assertThat(found).isEmpty();
    }

    /**
     * Not a timing assertion: the figures for {@code infrastructure/bench/RESULTS.md}, written to
     * {@code target/console-measurements.txt}. The baseline is one static page exactly as large as the console's page
     * and assets together ({@link StaticBaselineHandler}), served by the runner's HTTP API (the same class, capacity and
     * API Gateway mapping, in this JVM, on a port of its own) and read by the same Chromium. Each is measured with the
     * browser's cache off (a first visit: every byte fetched) and the console also with it on (its assets are cached for
     * a year, so a member's next visit fetches only the page and the API's answers).
     */
    @Test
    void givenTheConsole_whenMeasuredInChromium_thenItsGzippedWeightAndTimeToTheFirstQueueRenderAgainstASameSizeStaticPageAreWritten() throws Exception {
        long gzipped = 0;
        long plain = 0;
        for (String asset : new String(ConsoleHandler.resource("assets.txt"), StandardCharsets.UTF_8).strip().split("\n")) {
            byte[] bytes = ConsoleHandler.resource("assets/" + asset);
            plain += bytes.length;
            gzipped += ConsoleHandler.gzip(bytes).length;
        }
        var baseline = new StaticBaselineHandler(local.app());
        try (var staticApi = new LocalHttpApi(0, List.of(StaticBaselineHandler.ROUTE), local.app(), LocalHttpApi.Capacity.DEFAULT)) {
            String baselineUrl = staticApi.baseUri().resolve("/baseline").toString();
            ChromeDriver browser = (ChromeDriver) browser();
            signIn(browser, "owner@console.example");
            waitFor(browser, By.cssSelector("[data-testid=queue] tbody tr"));
            browser.executeCdpCommand("Network.enable", Map.of());
            List<Double> cold = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            List<Double> still = new ArrayList<>();
            for (int run = 0; run < 7; run++) {
                browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
                cold.add(queueRender(browser));
                browser.get("about:blank"); // each load follows the same blank page, not the other's
                browser.get(baselineUrl);
                new WebDriverWait(browser, WAIT).until(b -> number(b, "return performance.getEntriesByType('navigation')[0].loadEventEnd") > 0);
                still.add(number(browser, "return performance.getEntriesByType('navigation')[0].loadEventEnd"));
                assertThat(number(browser, "return performance.getEntriesByType('navigation')[0].decodedBodySize")).isEqualTo(baseline.size());
                browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
                warm.add(queueRender(browser));
            }
            String figures = """
                    console assets: %d bytes, %d bytes gzipped (target < 100 KB)
                    first queue render, cache off (Navigation Timing origin to the queue-rendered mark), median of 7: %.1f ms
                    static baseline, cache off (one page of %d bytes, the console's page and assets together; loadEventEnd), median of 7: %.1f ms
                    ratio: %.2f
                    first queue render, assets cached, median of 7: %.1f ms
                    """.formatted(plain, gzipped, median(cold), baseline.size(), median(still), median(cold) / median(still), median(warm));
            Files.writeString(Path.of("target", "console-measurements.txt"), figures);
            System.out.print(figures);

            assertThat(gzipped).isPositive();
            assertThat(median(cold)).isPositive();
        }
    }

    private static double queueRender(WebDriver browser) {
        browser.get("about:blank");
        browser.get(uri("/console").toString());
        waitFor(browser, By.cssSelector("[data-testid=queue] tbody tr"));
        new WebDriverWait(browser, WAIT).until(b -> number(b, "return performance.getEntriesByName('queue-rendered').length") > 0);
        return number(browser, "return performance.getEntriesByName('queue-rendered')[0].startTime");
    }

    // ---- helpers

    private WebDriver browser() {
        var options = new ChromeOptions();
        options.setBinary(executable("chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build();
        var driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    private static String executable(String name) {
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator)).map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(name + " is not on the PATH: infrastructure/scripts/ensure-chromium.sh installs it"));
    }

    private static void signIn(WebDriver browser, String address) throws Exception {
        browser.get(uri("/console").toString());
        int before = local.ses().emailsTo(address).size();
        waitFor(browser, By.id("email")).sendKeys(address);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        followLink(browser, address, before, false);
    }

    /** Waits for the console to say the link is sent, takes it from the emulator, and confirms it on its page. */
    private static void followLink(WebDriver browser, String address, int before, boolean keyboard) {
        new WebDriverWait(browser, WAIT).until(b -> !b.findElement(By.cssSelector("[role=status]")).getText().isBlank());
        new WebDriverWait(browser, WAIT).until(b -> local.ses().emailsTo(address).size() > before);
        Matcher link = LINK.matcher(local.ses().emailsTo(address).getLast().text());
        assertThat(link.find()).isTrue();
        browser.get(link.group());
        WebElement confirm = waitFor(browser, By.cssSelector("form button"));
        if (keyboard) {
            confirm.sendKeys(Keys.ENTER);
        } else {
            confirm.click();
        }
        new WebDriverWait(browser, WAIT).until(b -> b.getCurrentUrl().contains("/console") && !b.findElements(By.cssSelector("header.top")).isEmpty());
    }

    private static List<String> violations(WebDriver browser, String view) {
        var results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
        return results.getViolations().stream().filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .map(v -> view + ": " + v.getId() + " (" + v.getImpact() + ") " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList())
                .toList();
    }

    private static void press(WebDriver browser, CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
    }

    private static String selected(WebDriver browser) {
        return new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.cssSelector("tr.selected")).getAttribute("data-ticket"));
    }

    private static String active(WebDriver browser) {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.activeElement.id");
    }

    private static double number(WebDriver browser, String script) {
        Object value = ((JavascriptExecutor) browser).executeScript(script);
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static WebElement waitFor(WebDriver browser, By what) {
        return new WebDriverWait(browser, WAIT).until(b -> b.findElements(what).stream().findFirst().orElse(null));
    }

    private static void screenshot(WebDriver browser, String view) throws IOException {
        Files.write(SCREENSHOTS.resolve(view + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return local.baseUri().resolve(path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
