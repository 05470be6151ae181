package io.aftercare.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.WebhookSigner;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
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
        for (String agent : List.of("anna", "boris", "keys")) {
            assertThat(admin("POST", "/api/shops/" + SHOP + "/members", """
                    {"email": "%s@console.example", "role": "agent"}""".formatted(agent)).statusCode()).isEqualTo(201);
        }
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
        note.sendKeys("Could you look at this, @bo");
        WebElement offered = waitFor(browser, By.cssSelector("[data-testid=mentions] button"));
        assertThat(offered.getText()).contains("b***@console.example");
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
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("member-role"))).selectByVisibleText("lead");
        browser.findElement(By.cssSelector("#add-member button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.cssSelector("[data-testid=members]")).getText().contains("d***@console.example"));

        browser.findElement(By.id("token-name")).sendKeys("crm");
        browser.findElement(By.xpath("//button[text()='Create token']")).click();
        assertThat(waitFor(browser, By.cssSelector("[data-testid=token-shown] code")).getText()).hasSizeGreaterThan(20);
        new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.cssSelector("[data-testid=tokens]")).getText().contains("crm"));

        browser.findElement(By.id("reply-title-new")).sendKeys("Apology");
        browser.findElement(By.id("reply-body-new")).sendKeys("Sorry, {{name}}: we are on it.");
        browser.findElement(By.xpath("//form[@aria-label='New saved reply']//button[@type='submit']")).click();
        new WebDriverWait(browser, WAIT).until(b -> b.findElements(By.cssSelector("[data-testid=saved-replies] li")).size() == 1);

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
        var ladder = support.path("escalation");
        assertThat(ladder.get(ladder.size() - 1).path("level").asInt()).isEqualTo(3);
        assertThat(ladder.get(ladder.size() - 1).path("roles").get(0).asText()).isEqualTo("manager");
        var members = json(admin("GET", "/api/shops/" + SHOP + "/members", null)).path("items");
        assertThat(members).anySatisfy(m -> {
            assertThat(m.path("email").asText()).isEqualTo("d***@console.example");
            assertThat(m.path("role").asText()).isEqualTo("lead");
        });
        assertThat(json(admin("GET", "/api/shops/" + SHOP + "/saved-replies", null)).path("items").get(0).path("title").asText()).isEqualTo("Apology");
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
     * {@code target/console-measurements.txt}. The baseline is a static file of the console's own (its largest module)
     * served by the same runner, read by the same Chromium.
     */
    @Test
    void givenTheConsole_whenMeasuredInChromium_thenItsGzippedWeightAndTimeToTheFirstQueueRenderAreWritten() throws Exception {
        long gzipped = 0;
        long plain = 0;
        String largest = null;
        long largestSize = 0;
        for (String asset : resource("console/assets.txt").strip().split("\n")) {
            byte[] bytes = resource("console/assets/" + asset).getBytes(StandardCharsets.UTF_8);
            plain += bytes.length;
            gzipped += gzip(bytes);
            if (bytes.length > largestSize) {
                largestSize = bytes.length;
                largest = asset;
            }
        }
        WebDriver browser = browser();
        signIn(browser, "owner@console.example");
        waitFor(browser, By.cssSelector("[data-testid=queue] tbody tr"));
        List<Double> console = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (int run = 0; run < 7; run++) {
            browser.get(uri("/console").toString());
            waitFor(browser, By.cssSelector("[data-testid=queue] tbody tr"));
            console.add(number(browser, "return performance.getEntriesByName('queue-rendered')[0].startTime"));
            browser.get(uri("/console/assets/" + largest).toString());
            new WebDriverWait(browser, WAIT).until(b -> number(b, "return performance.getEntriesByType('navigation')[0].loadEventEnd") > 0);
            baseline.add(number(browser, "return performance.getEntriesByType('navigation')[0].loadEventEnd"));
        }
        double consoleMedian = median(console);
        double baselineMedian = median(baseline);
        String figures = """
                console assets: %d bytes, %d bytes gzipped (target < 100 KB)
                first queue render (Navigation Timing origin to the queue-rendered mark), median of 7: %.1f ms
                static baseline (%s, %d bytes, loadEventEnd), median of 7: %.1f ms
                ratio: %.2f
                """.formatted(plain, gzipped, consoleMedian, largest, largestSize, baselineMedian, consoleMedian / baselineMedian);
        Files.writeString(Path.of("target", "console-measurements.txt"), figures);
        System.out.print(figures);

        assertThat(gzipped).isPositive();
        assertThat(consoleMedian).isPositive();
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

    private static String resource(String name) throws IOException {
        try (InputStream in = ConsoleBrowserTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long gzip(byte[] bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.size();
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
