package io.aftercare.local;

import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.PrivateFiles;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.SesEmulator;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.access.Caller;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.ticket.QueueView;
import io.aftercare.domain.ticket.Ticket;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.ticket.TicketStatus;
import io.aftercare.domain.order.CustomerContact;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code aftercare-local.jar demo}: a fresh, in-memory Aftercare whose clock runs a day per second. It replays the
 * sample orders, then sweeps every six simulated hours, so the thank-you arrives at once, the survey a week after the
 * delivery and the check-in two months after the order, all within about a minute, in the SES emulator. Two orders
 * of the generic demo shop get into trouble ({@code infrastructure/events/trouble}): a parcel that goes silent and a
 * return nobody processes; the fast-forward shows the apology and the tickets their due checks open. Last, a customer
 * writes in and replies by email, an agent answers and resolves the ticket, and a day later the satisfaction survey goes.
 */
final class Demo {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final int DAYS = 62;
    /**
     * Sweeps per simulated day. Once a day would land at the same hour every day (at night, say), so every action
     * waiting for business hours would be postponed again each time and no ticket would ever escalate.
     */
    private static final int SWEEPS_PER_DAY = 4;
    /** How the weekly summary's text part (in English) begins its orders' line. */
    private static final String WEEKLY_ORDERS = "Orders: ";

    private Demo() {
    }

    /** The demo's admin token in a private file that goes with the demo: a token is never printed. */
    private static Path tokenFile(String token) {
        Path dir = PrivateFiles.directory(Path.of(System.getProperty("java.io.tmpdir"), "aftercare-demo-" + ProcessHandle.current().pid()));
        Path file = dir.resolve("admin-token");
        PrivateFiles.createIfAbsent(file, token.getBytes(StandardCharsets.UTF_8));
        dir.toFile().deleteOnExit();
        file.toFile().deleteOnExit(); // deleted in reverse order: the file, then its folder
        return file;
    }

    /**
     * A customer writes in, the shop's acknowledgement reaches them (in the SES emulator), and they reply to it: the
     * reply goes through the inbound function as SES would deliver it, and the agent's view of the ticket shows it.
     */
    private static Ticket customerReplies(LocalAftercare local, DemoShops.Demo shop, PrintStream out) throws Exception {
        var customer = new EmailAddress("anna.smirnova@example.com");
        var ticket = local.app().tickets().open(shop.id(), new TicketService.NewTicket(new CustomerContact(customer, Optional.of("Anna Smirnova"),
                Optional.of("en")), "The teapot lid does not fit", "The lid of the teapot I got does not fit. Can you help?", Optional.empty(),
                Optional.empty(), false, Optional.empty()), Optional.empty());
        local.sweep();
        var acknowledgement = local.ses().emails().stream().filter(e -> e.to().contains(customer.value()) && e.subject().contains(ticket.number()))
                .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("ticket " + ticket.number() + " was not acknowledged"));
        String replyTo = acknowledgement.replyTo().getFirst();
        out.printf("%nA customer replies by email: ticket %s was acknowledged to %s, Reply-To %s...%n", ticket.number(), customer.masked(),
                replyTo.substring(0, replyTo.indexOf('+') + 1));
        String reply = String.join("\r\n", "From: Anna Smirnova <" + customer.value() + ">", "To: " + replyTo,
                "Subject: Re: " + acknowledgement.subject(), "Message-ID: <demo-reply-" + ticket.id() + "@example.com>",
                "In-Reply-To: <" + acknowledgement.messageId() + ">", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "",
                "Here is a photo of the lid: it is 2 mm too wide.", "", "On Monday the shop wrote:", "> We have your message.", "");
        local.receiveMail(reply.getBytes(StandardCharsets.UTF_8));
        var view = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local.baseUri().resolve("/api/shops/" + shop.id().value()
                        + "/tickets/" + ticket.id() + "?lang=en")).header("Authorization", "Bearer " + local.adminToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        out.printf("  the agent's view of ticket %s (GET /api/shops/%s/tickets/%s):%n", ticket.number(), shop.id().value(), ticket.id());
        for (var entry : new ObjectMapper().readTree(view.body()).path("ticketTimeline").path("items")) {
            out.printf("    %s%n", entry.path("summary").asText());
        }
        return ticket;
    }

    /** An agent answers the ticket and resolves it; a day later its customer is asked how satisfied they are (CSAT). */
    private static void satisfactionSurvey(LocalAftercare local, DemoShops.Demo shop, Ticket ticket, AdjustableClock clock, Set<String> seen,
                                           PrintStream out) {
        var tickets = local.app().tickets();
        Ticket current = tickets.find(shop.id(), ticket.id());
        current = tickets.reply(shop.id(), current.id(), current.version(), "Ola", "A lid that fits is on its way. Sorry for the trouble!");
        tickets.change(shop.id(), current.id(), current.version(),
                new TicketService.Changes(Optional.of(TicketStatus.RESOLVED), Optional.empty(), Optional.empty()), "Ola");
        out.printf("%nAn agent answers ticket %s and resolves it; a day later:%n", ticket.number());
        local.sweep();
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        local.sweep();
        printNewEmails(local, clock, seen, out);
    }

    /** The emails not shown yet, one line each. */
    private static void printNewEmails(LocalAftercare local, AdjustableClock clock, Set<String> seen, PrintStream out) {
        for (SesEmulator.Email email : local.ses().emails()) {
            if (seen.add(email.messageId())) {
                // masked like every address Aftercare prints: the emulator shows them whole
                out.printf("  %s  to %-24s %s%n", DAY.format(clock.instant()), new EmailAddress(email.to().get(0)).masked(), email.subject());
                // a weekly summary: its first figure, the week's orders against the four weeks before
                email.text().lines().filter(line -> line.startsWith(WEEKLY_ORDERS)).findFirst().ifPresent(line -> out.printf("      %s%n", line));
            }
        }
    }

    static void run(int port, int sesPort, PrintStream out) throws Exception {
        var clock = new AdjustableClock(Instant.now());
        var local = LocalAftercare.start(new LocalAftercare.Settings(port, Optional.empty(), Optional.empty(), clock, sesPort, Optional.empty(), List.of(), Optional.empty()));
        Runtime.getRuntime().addShutdownHook(new Thread(local::close));
        DemoShops.registerIfAbsent(local.app().shops(), local.app().discountPool());
        DemoShops.Demo generic = DemoShops.ALL.stream().filter(d -> d.platform() == Platform.GENERIC).findFirst().orElseThrow();
        // the generic shop's owner, who gets its weekly summary every Monday the fast-forward crosses
        local.app().access().invite(generic.id(), new Caller.BreakGlass(), new EmailAddress("owner@kettlehouse.example"), Role.OWNER, Language.EN);
        out.printf("%nAftercare demo: the API at %s, the emails at %s (open it in a browser)%n", local.baseUri(), local.ses().endpoint());
        var samples = new SampleSender(local.baseUri(), local.adminToken(), clock, out);
        samples.sendAll(RepositoryRoot.find().resolve("infrastructure/events/webhooks"));
        samples.sendTrouble(RepositoryRoot.find().resolve("infrastructure/events/trouble"), generic);

        out.printf("%nFast-forwarding: one simulated day per second, swept every six hours.%n");
        Set<String> seen = new HashSet<>();
        Set<String> caught = new HashSet<>();
        for (int sweep = 0; sweep <= DAYS * SWEEPS_PER_DAY; sweep++) {
            local.aggregate(); // the stream into the metrics first, as its event source mapping would have: the weekly summary reads them
            local.sweep();
            printNewEmails(local, clock, seen, out);
            // the stuck parcel and the stalled return, caught by their due checks: a ticket for the agents
            for (Ticket ticket : local.app().tickets().queue(generic.id(), QueueView.ALL, Optional.empty(), PageRequest.first(PageRequest.MAX_LIMIT)).items()) {
                if (caught.add(ticket.id())) {
                    out.printf("  %s  ticket %s opened: %s%n", DAY.format(clock.instant()), ticket.number(), ticket.subject());
                }
            }
            clock.advance(Duration.ofDays(1).dividedBy(SWEEPS_PER_DAY));
            Thread.sleep(1000 / SWEEPS_PER_DAY);
        }
        Ticket written = customerReplies(local, generic, out);
        local.ses().emails().forEach(email -> seen.add(email.messageId())); // the acknowledgement, shown above
        satisfactionSurvey(local, generic, written, clock, seen, out);

        out.printf("%nDone: %d emails. Read them at %s; the timelines with%n  curl -H \"Authorization: Bearer $(cat %s)\" %s/api/shops/<shop>/orders/<id>/timeline%n"
                + "Ctrl+C stops the demo.%n", seen.size(), local.ses().endpoint(), tokenFile(local.adminToken()), local.baseUri());
        Thread.currentThread().join();
    }
}
