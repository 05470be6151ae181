package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Deliveries and agents racing on one ticket or one customer, on real threads against DynamoDB Local: a 2xx always
 * means recorded, "duplicate" only ever means the same delivery again, and a reply is emailed only once it is recorded.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class TicketRacesTest {

    private static final Instant MONDAY_NINE = LocalDateTime.parse("2026-11-23T09:00").atZone(ZoneId.of("Europe/Warsaw")).toInstant();

    private SesMailbox ses;
    private Harness aftercare;

    @BeforeEach
    void freshTable(TestTable table, SesMailbox ses) {
        this.ses = ses;
        aftercare = new Harness(table, MONDAY_NINE, ses);
    }

    @Test
    void givenTwelveFollowUpsForOneTicketAtOnce_whenTheyRace_thenEveryOneAnswered2xxIsOnTheTimelineNoneIsCalledADuplicateAndTheRestGet503()
            throws Exception {
        String shop = shop("follow-ups");
        complaint(shop, "f-1", "follow@example.com");

        long started = System.nanoTime();
        List<Harness.Response> answers = atOnce(IntStream.range(0, 12).<Callable<Harness.Response>>mapToObj(i -> () -> aftercare.generic(shop,
                aftercare.genericEvent("complaint.message", "f-1-msg-" + i, "{\"complaint_id\": \"f-1\", \"message\": \"Follow-up number " + i + "\"}"))).toList());

        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        List<String> timeline = aftercare.ticketSummaries(shop, "c-f-1");
        List<Integer> recorded = answered(answers, 200, "recorded");
        List<Integer> duplicate = answered(answers, 200, "duplicate");
        List<Integer> unavailable = answered(answers, 503, "retry_later");
        long lost = IntStream.range(0, 12).filter(i -> answers.get(i).status() / 100 == 2
                && !timeline.contains("Customer wrote: Follow-up number " + i)).count();
        System.out.printf("12 concurrent complaint.message deliveries: recorded %d, answered duplicate %d, answered 503 %d, lost %d, in %d ms%n",
                recorded.size(), duplicate.size(), unavailable.size(), lost, elapsedMs);

        assertThat(duplicate).isEmpty();
        assertThat(lost).isZero();
        assertThat(recorded.size() + unavailable.size()).as("every answer is recorded or 503").isEqualTo(12);
        assertThat(timeline).filteredOn(s -> s.startsWith("Customer wrote: Follow-up number")).hasSize(recorded.size());
        unavailable.forEach(i -> assertThat(answers.get(i).headers()).containsKey("retry-after"));
    }

    /** Which answers had this status and this {@code status} (2xx) or {@code error} (otherwise) in their JSON. */
    private static List<Integer> answered(List<Harness.Response> answers, int status, String what) {
        return IntStream.range(0, answers.size()).filter(i -> answers.get(i).status() == status
                && answers.get(i).json().path(status / 100 == 2 ? "status" : "error").asText().equals(what)).boxed().toList();
    }

    @Test
    void givenTwoComplaintsFromOneCustomerAtOnce_whenTheyRaceOnTheirProfile_thenBothAreRecordedAndCounted(TestTable table) throws Exception {
        var profiles = new HeldItems("PROFILE", 1);
        aftercare = new Harness(table, table.client(profiles), MONDAY_NINE);
        String shop = shop("profiles");
        List<Callable<Harness.Response>> complaints = new ArrayList<>();
        for (int customer = 0; customer < 6; customer++) {
            for (int complaint = 0; complaint < 2; complaint++) {
                String id = "p-" + customer + "-" + complaint;
                String email = "twice-" + customer + "@example.com";
                complaints.add(() -> complaint(shop, id, email));
            }
        }

        List<Harness.Response> answers = atOnce(complaints);

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().path("status").asText()).isEqualTo("recorded");
        });
        assertThat(profiles.cancelled).as("transactions cancelled on a held profile").hasValue(6);
        var queue = aftercare.agent("GET /api/shops/{shop}/tickets", Map.of("shop", shop), Map.of()).json().path("items");
        assertThat(queue).hasSize(12);
        for (int customer = 0; customer < 6; customer++) {
            String hash = new EmailAddress("twice-" + customer + "@example.com").hash();
            assertThat(aftercare.table.allItems()).filteredOn(i -> i.get("PK").s().equals("SHOP#" + shop + "#CUSTOMER#" + hash)
                            && i.get("SK").s().equals("PROFILE"))
                    .singleElement().satisfies(profile -> assertThat(profile.get("openComplaints").n()).isEqualTo("2"));
        }
    }

    @Test
    void givenTwoAgentsReplyingToTheSameVersion_whenBothSend_thenOneIsRecordedAndEmailedOnceAfterItWasRecordedAndTheOtherGets409()
            throws Exception {
        String shop = shop("replies");
        complaint(shop, "r-1", "replied@example.com");
        aftercare.sweepAndWork(); // the acknowledgement
        int emailsBefore = ses.emailsTo("replied@example.com").size();
        long version = aftercare.ticket(shop, "c-r-1").path("version").asLong();

        List<Harness.Response> answers = atOnce(List.of(
                () -> reply(shop, "c-r-1", version, "Ola here: a new lid is on its way."),
                () -> reply(shop, "c-r-1", version, "Piotr here: please send us a photo.")));

        assertThat(answers).extracting(Harness.Response::status).containsExactlyInAnyOrder(200, 409);
        assertThat(ses.emailsTo("replied@example.com")).as("nothing is emailed before the worker runs").hasSize(emailsBefore);
        String winner = ticketTimelineReply(shop);
        aftercare.sweepAndWork();
        aftercare.clock.advance(java.time.Duration.ofMinutes(10));
        aftercare.sweepAndWork();

        var replies = ses.emailsTo("replied@example.com").subList(emailsBefore, ses.emailsTo("replied@example.com").size());
        assertThat(replies).singleElement().satisfies(email -> assertThat(email.text()).contains(winner));
        assertThat(aftercare.ticketSummaries(shop, "c-r-1")).anyMatch(s -> s.startsWith("Reply emailed to the customer"));
    }

    @Test
    void givenATicketOtherWritesKeepHolding_whenAFollowUpLosesEveryRace_thenItIsAnswered503WithRetryAfterAndRecordedWhenSentAgain(TestTable table) {
        var tickets = new HeldItems("TICKET", Integer.MAX_VALUE);
        tickets.release();
        aftercare = new Harness(table, table.client(tickets), MONDAY_NINE);
        String shop = shop("held");
        complaint(shop, "h-1", "held@example.com");
        String followUp = aftercare.genericEvent("complaint.message", "h-1-msg", "{\"complaint_id\": \"h-1\", \"message\": \"Hello?\"}");
        tickets.hold();

        var refused = aftercare.generic(shop, followUp);
        List<String> afterRefusal = aftercare.ticketSummaries(shop, "c-h-1");
        tickets.release();
        var resent = aftercare.generic(shop, followUp);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.json().path("error").asText()).isEqualTo("retry_later");
        assertThat(refused.headers()).containsEntry("retry-after", "5");
        assertThat(tickets.cancelled).as("tried again before giving up").hasValueGreaterThan(1);
        assertThat(afterRefusal).doesNotContain("Customer wrote: Hello?");
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().path("status").asText()).isEqualTo("recorded");
        assertThat(aftercare.ticketSummaries(shop, "c-h-1")).contains("Customer wrote: Hello?");
    }

    @Test
    void givenAnAgentMakingATicketUrgentWhileItsEscalationIsEmailed_whenTheEscalationIsWritten_thenTheQueueSortsItByTheUrgentAroundTheClockDeadline(
            TestTable table) {
        AtomicReference<Runnable> whileEmailingTheTeam = new AtomicReference<>(() -> { });
        var watched = SesEmulator.client(ses.endpoint(), new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendEmailRequest email && email.destination().toAddresses().contains("team@urgent.example")) {
                    whileEmailingTheTeam.getAndSet(() -> { }).run();
                }
            }
        });
        aftercare = new Harness(table, MONDAY_NINE, () -> watched);
        String shop = shop("made-urgent");
        assertThat(aftercare.admin("PATCH /admin/shops/{shop}", Map.of("shop", shop), """
                {"support": {"escalation": [{"level": 1, "afterMinutes": 60, "contacts": ["team@urgent.example"]}],
                 "sla": {"urgent": {"firstResponseMinutes": 180, "aroundTheClock": true}}}}""").status()).isEqualTo(200);
        aftercare.clock.advance(Duration.ofMinutes(390)); // Monday 15:30 in Warsaw: a normal ticket's 3 hours would run into Tuesday
        complaint(shop, "u-1", "waiting@example.com");
        aftercare.sweepAndWork(); // the acknowledgement
        whileEmailingTheTeam.set(() -> assertThat(change(shop, "c-u-1", "{\"version\": " + aftercare.ticket(shop, "c-u-1").path("version").asLong()
                + ", \"priority\": \"urgent\", \"agent\": \"ola\"}").status()).isEqualTo(200));
        aftercare.clock.advance(Duration.ofMinutes(61));

        aftercare.sweepAndWork(); // the escalation, 60 business minutes on

        var ticket = aftercare.ticket(shop, "c-u-1");
        assertThat(ticket.path("priority").asText()).isEqualTo("urgent");
        assertThat(ticket.path("figures").path("escalationLevel").asInt()).as("the escalation was written after the agent's change").isEqualTo(1);
        // 15:30 plus 3 hours around the clock, not plus 3 business hours (Tuesday 10:30)
        Instant dueAroundTheClock = LocalDateTime.parse("2026-11-23T18:30").atZone(ZoneId.of("Europe/Warsaw")).toInstant();
        assertThat(ticket.path("nextBreachAt").asText()).isEqualTo(dueAroundTheClock.toString());
        assertThat(aftercare.table.allItems()).filteredOn(i -> i.get("SK").s().equals("TICKET") && i.get("PK").s().endsWith("#c-u-1"))
                .singleElement().satisfies(item -> assertThat(item.get("GSI1SK").s()).startsWith(dueAroundTheClock.toString().replace("Z", ".000Z")));
    }

    /** The words of the reply that was recorded, as its timeline entry quotes them. */
    private String ticketTimelineReply(String shop) {
        return aftercare.ticketSummaries(shop, "c-r-1").stream().filter(s -> s.contains(" replied: ")).findFirst().orElseThrow()
                .replaceFirst("^.* replied: ", "").replaceFirst(";.*$", "");
    }

    private String shop(String name) {
        String shop = "races-" + name;
        aftercare.registerShop(shop, "generic");
        return shop;
    }

    private Harness.Response complaint(String shop, String id, String email) {
        return aftercare.generic(shop, aftercare.genericEvent("complaint.created", "evt-" + id, """
                {"id": "%s", "subject": "The kettle lid is scratched", "message": "It arrived scratched.",
                 "customer": {"email": "%s", "locale": "en"}}""".formatted(id, email)));
    }

    private Harness.Response change(String shop, String id, String body) {
        return aftercare.agentBody("PATCH /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", shop, "ticketId", id), body);
    }

    private Harness.Response reply(String shop, String id, long version, String message) {
        return aftercare.agentBody("POST /api/shops/{shop}/tickets/{ticketId}/replies", Map.of("shop", shop, "ticketId", id),
                "{\"version\": " + version + ", \"message\": \"" + message + "\", \"agent\": \"an agent\"}");
    }

    /** Runs every call on its own thread, released together. */
    private static <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> running = calls.stream().map(call -> pool.submit(() -> {
                start.await();
                return call.call();
            })).toList();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> result : running) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
