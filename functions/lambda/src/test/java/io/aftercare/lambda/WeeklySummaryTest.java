package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.StreamWorker;
import io.aftercare.devkit.TableStream;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.access.Caller;
import io.aftercare.domain.access.Preferences;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryParam;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import io.aftercare.dynamodb.DynamoTimelineAppender;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Five scripted weeks of a Warsaw shop (through its webhooks, the agent API and DynamoDB Local's stream folded by the
 * aggregator's handler), then the Monday the weekly summary goes out through the sweep, the worker and the SES
 * emulator: to the owner and the manager, in their languages, never to the agent or the lead.
 */
@TableStream
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class WeeklySummaryTest {

    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    private static final String SHOP = "kettle-weekly";
    private static final String OTHER = "other-weekly";
    // the SES emulator is the test JVM's: each test's members have addresses of their own
    private String owner;
    private String manager;
    private String lead;
    private String agent;
    private String otherOwner;

    private Harness aftercare;
    private StreamWorker stream;
    private DynamoTimelineAppender timeline;
    private SesMailbox ses;

    @BeforeEach
    void freshTable(TestTable table, SesMailbox ses) {
        this.ses = ses;
        String run = UUID.randomUUID().toString().substring(0, 8);
        owner = "owner-" + run + "@kettle-weekly.example";
        manager = "manager-" + run + "@kettle-weekly.example";
        lead = "lead-" + run + "@kettle-weekly.example";
        agent = "agent-" + run + "@kettle-weekly.example";
        otherOwner = "owner-" + run + "@other-weekly.example";
        aftercare = new Harness(table, warsaw("2026-11-01T09:00"), ses);
        stream = aftercare.aggregatorStream();
        timeline = new DynamoTimelineAppender(table.client(), table.name());
    }

    @Test
    void mondaysSummaryGoesToTheOwnerAndTheManagerWithTheWeeksHandWorkedFiguresAgainstTheMeanOfTheFourWeeksBefore() {
        shop(SHOP, WARSAW, Map.of(manager, Role.MANAGER, lead, Role.LEAD, agent, Role.AGENT));
        aftercare.app.access().invite(new ShopId(SHOP), new Caller.BreakGlass(), new EmailAddress(owner), Role.OWNER, Language.PL);
        scriptFiveWeeks();
        stream.drain();

        mondayMorning();

        String summary = onlySummaryTo(manager).text();
        assertThat(summary).contains("Kettle House: the week of November 30, 2026 – December 6, 2026");
        // orders 2, 1, 0 and 3 in the weeks before: a mean of 1.5; four this week, 166.7% more
        assertThat(summary).contains("Orders: 4 | 4-week mean: 1.5 | Change: +166.7%");
        assertThat(summary).contains("Customers: 4 | 4-week mean: 1.5 | Change: +166.7%");
        assertThat(summary).contains("New customers: 3 | 4-week mean: 1.5 | Change: +100%");
        assertThat(summary).contains("Returning customers: 1 | 4-week mean: 0 | Change: n/a");
        // the first euro order: nothing to compare it with, so no change rather than a division by zero
        assertThat(summary).contains("Revenue (EUR): €30.00 | 4-week mean: €0.00 | Change: n/a");
        assertThat(summary).contains("Average order value (EUR): €30.00 | 4-week mean: n/a | Change: n/a");
        // 300 PLN against (180 + 60 + 0 + 200) / 4 = 110; per order 100 against the mean of 90, 60 and 66.67 (a week without orders has none)
        assertThat(summary).contains("Revenue (PLN): PLN300.00 | 4-week mean: PLN110.00 | Change: +172.7%");
        assertThat(summary).contains("Average order value (PLN): PLN100.00 | 4-week mean: PLN72.22 | Change: +38.5%");
        // of the first week's new customers Ada came back (1 of 2), of the second's and fourth's none; the third had none
        assertThat(summary).contains("Repeat-purchase rate: 0% | 4-week mean: 16.7% | Change: -16.7 pp");
        // Gus's complaint answered in an hour and met its SLA; Cy's, in the week of 16 November, took six and breached
        // (the sketch's 1%: six hours read back as 6.1, and the change -83.5% rather than -83.3%)
        assertThat(summary).contains("First response, median: 1 h | 4-week mean: 6.1 h | Change: -83.5%");
        assertThat(summary).contains("First-response SLA met: 100% | 4-week mean: 0% | Change: +100 pp");
        // NPS: a promoter and a detractor this week (0) against Cy's 10 (100)
        assertThat(summary).contains("NPS: 0 | 4-week mean: 100 | Change: -100");
        assertThat(summary).contains("Emails sent: 2 | 4-week mean: 0.25 | Change: +700%");
        assertThat(summary).contains("Return rate: 0% | 4-week mean: 0% | Change: 0 pp");
        // seven customers never complained (all but Cy and Gus); Ada ordered again: Wilson's 95% interval of 1 in 7 is [2.6%, 51.3%]
        assertThat(summary).contains("No complaint: 1 / 7 ordered again, 14.3% (95% interval: 2.6% – 51.3%)");
        assertThat(summary).contains("The groups are still too small to compare");
        assertThat(summary).contains(Harness.PUBLIC_URL + "/console/metrics");
        assertThat(summary).doesNotContain("NaN").doesNotContain("Infinity").doesNotContain("∞");

        // the owner reads it in Polish; the agent and the lead get none
        var owners = onlySummaryTo(owner);
        assertThat(owners.subject()).startsWith("[Kettle House] Twój tydzień");
        assertThat(owners.text()).contains("Zamówienia: 4 | Średnia z 4 tygodni: 1,5 | Zmiana: +166,7%");
        assertThat(summariesTo(agent)).isEmpty();
        assertThat(summariesTo(lead)).isEmpty();

        // a sweep later that Monday, and the shop's settings saved again, send nothing more
        aftercare.clock.set(warsaw("2026-12-07T11:00"));
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", SHOP), "{\"brandName\": \"Kettle House\"}").status()).isEqualTo(200);
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();
        assertThat(summariesTo(manager)).hasSize(1);
        assertThat(summariesTo(owner)).hasSize(1);

        // the shop's own timeline says whom it reached, masked
        var audit = aftercare.app.timelines().shopTimeline(new ShopId(SHOP), PageRequest.first(50)).items();
        assertThat(audit).filteredOn(entry -> entry.text() instanceof EntryText.Phrased phrased && phrased.phrase() == Phrase.WEEKLY_SUMMARY_SENT)
                .singleElement().satisfies(entry -> assertThat(entry.id()).contains("2026-W49"));
        assertThat(audit.toString()).doesNotContain(owner).doesNotContain(manager);
    }

    @Test
    void aWeekWithNothingCountedSaysSoAndShowsNotApplicableRatherThanNaN() {
        shop(SHOP, WARSAW, Map.of(owner, Role.OWNER));
        aftercare.clock.set(warsaw("2026-11-02T08:01"));
        aftercare.sweepAndWork();

        var email = onlySummaryTo(owner);
        assertThat(email.subject()).isEqualTo("[Kettle House] Your week: October 26, 2026 – November 1, 2026");
        assertThat(email.text()).contains("Nothing was counted this week");
        assertThat(email.text()).contains("Orders: 0 | 4-week mean: 0 | Change: n/a");
        assertThat(email.text()).contains("NPS: n/a | 4-week mean: n/a | Change: n/a");
        assertThat(email.text()).contains("No customer has been grouped yet.");
        for (String part : List.of(email.text(), email.html())) {
            assertThat(part).doesNotContain("NaN").doesNotContain("Infinity").doesNotContain("∞");
        }
    }

    @Test
    void theShopsTimeZoneDecidesWhenItsMondayMorningIs() {
        ZoneId auckland = ZoneId.of("Pacific/Auckland");
        shop(SHOP, WARSAW, Map.of(owner, Role.OWNER));
        shop(OTHER, auckland, Map.of(otherOwner, Role.OWNER));

        // Monday 08:30 in Auckland is Sunday evening in Warsaw
        aftercare.clock.set(LocalDateTime.parse("2026-11-02T08:30").atZone(auckland).toInstant());
        aftercare.sweepAndWork();
        assertThat(summariesTo(otherOwner)).singleElement().satisfies(email -> assertThat(email.subject()).contains("October 26, 2026 – November 1, 2026"));
        assertThat(summariesTo(owner)).isEmpty();

        aftercare.clock.set(warsaw("2026-11-02T07:59"));
        aftercare.sweepAndWork();
        assertThat(summariesTo(owner)).isEmpty();
        aftercare.clock.set(warsaw("2026-11-02T08:00"));
        aftercare.sweepAndWork();
        assertThat(summariesTo(owner)).hasSize(1);
        assertThat(summariesTo(otherOwner)).hasSize(1);
    }

    @Test
    void aShopThatMovedWestSinceItsSummaryWasWrittenGetsItOnItsNewMondayMorning() {
        ZoneId newYork = ZoneId.of("America/New_York");
        shop(SHOP, WARSAW, Map.of(owner, Role.OWNER));
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", SHOP), "{\"timeZone\": \"America/New_York\"}").status())
                .isEqualTo(200);

        aftercare.clock.set(warsaw("2026-11-02T08:01")); // the summary was written for Warsaw's Monday morning
        aftercare.sweepAndWork();
        assertThat(summariesTo(owner)).isEmpty();
        aftercare.clock.set(LocalDateTime.parse("2026-11-02T07:59").atZone(newYork).toInstant());
        aftercare.sweepAndWork();
        assertThat(summariesTo(owner)).isEmpty();
        aftercare.clock.set(LocalDateTime.parse("2026-11-02T08:00").atZone(newYork).toInstant());
        aftercare.sweepAndWork();

        assertThat(onlySummaryTo(owner).subject()).contains("October 26, 2026 – November 1, 2026");
    }

    @Test
    void aMemberWhoTurnedTheSummaryOffGetsNoneWhileTheOtherOwnerStillDoes() {
        shop(SHOP, WARSAW, Map.of(owner, Role.OWNER, manager, Role.MANAGER));
        aftercare.app.preferences().save(new EmailAddress(manager), new Preferences(Language.EN, WARSAW, false));

        aftercare.clock.set(warsaw("2026-11-02T08:05"));
        aftercare.sweepAndWork();

        assertThat(summariesTo(owner)).hasSize(1);
        assertThat(summariesTo(manager)).isEmpty();
    }

    @Test
    void aMemberWhoChoseTheirLanguageInTheConsoleReadsTheSummaryInIt_andOneWhoDidNotInTheOneTheyWereInvitedIn() {
        shop(SHOP, WARSAW, Map.of(owner, Role.OWNER, manager, Role.MANAGER)); // both invited in English
        aftercare.app.preferences().save(new EmailAddress(manager), new Preferences(Language.PL, WARSAW, true));

        aftercare.clock.set(warsaw("2026-11-02T08:05"));
        aftercare.sweepAndWork();

        assertThat(onlySummaryTo(manager).subject()).startsWith("[Kettle House] Twój tydzień");
        assertThat(onlySummaryTo(owner).subject()).startsWith("[Kettle House] Your week");
    }

    @Test
    void aShopsSummaryNeverCarriesAnotherShopsNumbers() {
        shop(SHOP, WARSAW, Map.of(owner, Role.OWNER));
        shop(OTHER, WARSAW, Map.of(otherOwner, Role.OWNER));
        order(SHOP, "K1", "kim@example.com", "2026-11-03T10:00", "41.00", "PLN");
        for (int i = 1; i <= 7; i++) {
            order(OTHER, "O" + i, "buyer" + i + "@example.com", "2026-11-04T1" + i + ":00", "111.00", "PLN");
        }
        stream.drain();

        aftercare.clock.set(warsaw("2026-11-09T08:00"));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();

        String ours = onlySummaryTo(owner).text();
        String theirs = onlySummaryTo(otherOwner).text();
        assertThat(ours).contains("Orders: 1 |").contains("PLN41.00").doesNotContain("777").doesNotContain("111");
        assertThat(theirs).contains("Orders: 7 |").contains("PLN777.00").doesNotContain("41.00");
    }

    /**
     * The shop and its members (in English), registered at the test's start, which schedules its first summary, and
     * swept as every minute: the sweep keeps its place in the due index from then on, so a later sweep finds what fell
     * due since (the first sweep of all looks back a day only).
     */
    private void shop(String id, ZoneId zone, Map<String, Role> members) {
        var registered = aftercare.admin("POST /admin/shops", Map.of(), """
                {"id": "%s", "platform": "generic", "webhookSecret": "%s", "brandName": "Kettle House",
                 "senderEmail": "hello@kettlehouse.example", "replyToEmail": "support@kettlehouse.example",
                 "defaultLanguage": "en", "timeZone": "%s"}""".formatted(id, Harness.SECRET, zone.getId()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        members.forEach((email, role) -> aftercare.app.access().invite(new ShopId(id), new Caller.BreakGlass(), new EmailAddress(email), role, Language.EN));
        aftercare.sweepAndWork();
    }

    /** The Monday after the fifth week, 08:00 in Warsaw: one sweep finds the first summary (of October's last week) long late and puts this week's in its place, the next sends it. */
    private void mondayMorning() {
        aftercare.clock.set(warsaw("2026-12-07T08:00"));
        aftercare.sweepAndWork();
        aftercare.sweepAndWork();
    }

    private SesEmulator.Email onlySummaryTo(String address) {
        List<SesEmulator.Email> summaries = summariesTo(address);
        assertThat(summaries).as("summaries to " + address).hasSize(1);
        return summaries.getFirst();
    }

    private List<SesEmulator.Email> summariesTo(String address) {
        // the locales' no-break spaces (PLN 300.00, 1 234) read as spaces here
        return ses.emailsTo(address).stream().filter(e -> e.subject().startsWith("[Kettle House]"))
                .map(e -> new SesEmulator.Email(e.from(), e.replyTo(), e.to(), e.subject(), e.html(), e.text().replace('\u00a0', ' ').replace('\u202f', ' '),
                        e.headers(), e.messageId())).toList();
    }

    /**
     * Weeks of Monday 2 November to Sunday 6 December (Warsaw). Orders: Ada 100 and Ben 80 PLN in the first week; Cy 60
     * in the second (and an NPS 10, with its invitation); none in the third, but Cy's complaint, answered after six
     * hours; Dan 100, Eve 40, Fay 60 in the fourth. The fifth: Ada again 150, Gus 50, Hal 100 PLN and Ivy 30 EUR; Gus's
     * complaint answered in an hour; two invitations, and NPS answers 9 (Ada) and 3 (Ben).
     */
    private void scriptFiveWeeks() {
        order(SHOP, "A1", "ada@example.com", "2026-11-02T10:00", "100.00", "PLN");
        order(SHOP, "B1", "ben@example.com", "2026-11-03T10:00", "80.00", "PLN");
        order(SHOP, "C1", "cy@example.com", "2026-11-10T10:00", "60.00", "PLN");
        surveySent("C1", "cy@example.com", "2026-11-12T10:00");
        answered("C1", "cy@example.com", 10, "2026-11-13T10:00");
        complaint("cy", "cy@example.com", "2026-11-17T09:00");
        reply("c-cy", "2026-11-17T15:00");
        order(SHOP, "D1", "dan@example.com", "2026-11-24T10:00", "100.00", "PLN");
        order(SHOP, "E1", "eve@example.com", "2026-11-25T10:00", "40.00", "PLN");
        order(SHOP, "F1", "fay@example.com", "2026-11-26T10:00", "60.00", "PLN");

        order(SHOP, "A2", "ada@example.com", "2026-12-01T10:00", "150.00", "PLN");
        order(SHOP, "G1", "gus@example.com", "2026-12-02T10:00", "50.00", "PLN");
        complaint("gus", "gus@example.com", "2026-12-02T12:00");
        reply("c-gus", "2026-12-02T13:00");
        order(SHOP, "H1", "hal@example.com", "2026-12-03T10:00", "100.00", "PLN");
        order(SHOP, "I1", "ivy@example.com", "2026-12-04T10:00", "30.00", "EUR");
        surveySent("A1", "ada@example.com", "2026-12-04T11:00");
        surveySent("B1", "ben@example.com", "2026-12-04T11:00");
        answered("A1", "ada@example.com", 9, "2026-12-05T10:00");
        answered("B1", "ben@example.com", 3, "2026-12-05T11:00");
    }

    private void order(String shop, String id, String email, String warsawTime, String total, String currency) {
        aftercare.clock.set(warsaw(warsawTime));
        webhook(shop, "order.created", "o-" + id, """
                {"id": "%s", "created_at": "%s", "currency": "%s", "total": "%s",
                 "customer": {"email": "%s", "name": "Kim", "locale": "en"}, "lines": [{"title": "Teapot", "quantity": 1, "price": "%s"}]}"""
                .formatted(id, aftercare.clock.instant(), currency, total, email, total));
    }

    private void complaint(String id, String email, String warsawTime) {
        aftercare.clock.set(warsaw(warsawTime));
        webhook(SHOP, "complaint.created", "evt-" + id, """
                {"id": "%s", "subject": "The lid is scratched", "message": "It arrived scratched.", "customer": {"email": "%s"}}"""
                .formatted(id, email));
    }

    private void reply(String ticket, String warsawTime) {
        aftercare.clock.set(warsaw(warsawTime));
        long version = aftercare.ticket(SHOP, ticket).path("version").asLong();
        var replied = aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/replies", Map.of("shop", SHOP, "ticketId", ticket),
                "{\"version\": " + version + ", \"message\": \"Sorry, a new lid is on its way.\", \"agent\": \"Ola\"}");
        assertThat(replied.status()).as(replied.body()).isIn(200, 201);
    }

    private void webhook(String shop, String type, String id, String data) {
        var response = aftercare.generic(shop, aftercare.genericEvent(type, id, data));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** As the survey email writes it on its order's timeline. */
    private void surveySent(String order, String email, String warsawTime) {
        var text = EntryText.of(Phrase.EMAIL_SENT).with("email", Vocabulary.EMAIL.code("SURVEY"));
        write(order, email, new TimelineEntry("sent-survey-" + warsawTime, Subject.order(new OrderId(order)), warsaw(warsawTime), EntryKind.EMAIL_SENT,
                text, Optional.empty()));
    }

    /** As the surveys write an NPS answer. */
    private void answered(String order, String email, long score, String warsawTime) {
        var text = EntryText.of(Phrase.SURVEY_ANSWERED).count("score", score).with("survey", new EntryParam.Code("survey", "nps"));
        write(order, email, new TimelineEntry("answer-nps", Subject.order(new OrderId(order)), warsaw(warsawTime), EntryKind.SURVEY_ANSWERED, text,
                Optional.empty()));
    }

    private void write(String order, String email, TimelineEntry entry) {
        timeline.write(new ShopId(SHOP), entry, new EmailAddress(email).hash());
    }

    private static Instant warsaw(String localTime) {
        return LocalDateTime.parse(localTime).atZone(WARSAW).toInstant();
    }
}
