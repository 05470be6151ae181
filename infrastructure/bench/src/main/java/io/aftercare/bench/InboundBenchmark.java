package io.aftercare.bench;

import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.SesInbound;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.lambda.InboundEmailHandler;
import io.aftercare.local.LocalAftercare;
import io.aftercare.mail.MimeMessageParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A customer's 50 KB Gmail reply ({@code infrastructure/fixtures/inbound/reply-50kb.eml}) through the inbound function
 * end to end (the raw message read from the embedded S3-compatible server, parsed, its ticket found and the message
 * added in DynamoDB Local) against the same message's MIME parse alone, alternating in one run. Each reply comes from a
 * sender of its own, so the hourly cap per sender never turns one away; SES's write to S3 is not timed (it is SES's).
 */
final class InboundBenchmark {

    static final String FIXTURE = "infrastructure/fixtures/inbound/reply-50kb.eml";
    private static final String SHOP = "bench-inbound";
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    record Run(int messages, int bytes, Percentiles endToEndMs, Percentiles parseMs, long ticketed) {
        double ratioP50() {
            return endToEndMs.p50() / parseMs.p50();
        }
    }

    private final int messages;

    InboundBenchmark(int messages) {
        this.messages = messages;
    }

    Run run() throws Exception {
        String fixture = Files.readString(RepositoryRoot.find().resolve(FIXTURE), StandardCharsets.UTF_8);
        var clock = new AdjustableClock(NOW);
        try (var local = LocalAftercare.start(LocalAftercare.Settings.ephemeral(Rig.ADMIN_TOKEN, clock))) {
            Rig.registerShop(local.app(), SHOP);
            String replyTo = acknowledgedTicket(local);
            var handler = new InboundEmailHandler(local.app());
            var bucket = local.app().inboundBucket();
            var parser = new MimeMessageParser();
            int warmup = Math.max(5, messages / 5);
            long[] endToEnd = new long[messages];
            long[] parse = new long[messages];
            long ticketed = 0;
            for (int i = -warmup; i < messages; i++) { // the first ones untimed: class loading and JIT
                byte[] raw = fixture.replace("To: Demo Shop Support <support@demo-shop.example>", "To: " + replyTo)
                        .replace("From: Anna Smith <anna.smith@example.com>", "From: Anna Smith <anna" + (i + warmup) + "@example.com>")
                        .getBytes(StandardCharsets.UTF_8);
                String id = SesInbound.messageId();
                bucket.putRaw(id, raw);
                var event = SesInbound.event(id, clock.instant(), List.of(replyTo), "PASS");
                long started = System.nanoTime();
                InboundMessage parsed = parser.parse(raw);
                long parsedAt = System.nanoTime();
                int added = handler.handleRequest(event, null);
                long done = System.nanoTime();
                if (i >= 0) {
                    parse[i] = parsedAt - started;
                    endToEnd[i] = done - parsedAt;
                    ticketed += added;
                }
                if (parsed.newText().isEmpty()) {
                    throw new IllegalStateException("the fixture parsed to no text");
                }
            }
            return new Run(messages, fixture.getBytes(StandardCharsets.UTF_8).length, Percentiles.of(endToEnd), Percentiles.of(parse), ticketed);
        }
    }

    /** A ticket whose acknowledgement the SES emulator received: @return the Reply-To it carried */
    private static String acknowledgedTicket(LocalAftercare local) {
        local.app().tickets().open(new ShopId(SHOP), new TicketService.NewTicket(new CustomerContact(new EmailAddress("anna.smith@example.com"),
                Optional.of("Anna Smith"), Optional.of("en")), "The mug arrived broken", "The mug arrived broken.", Optional.empty(),
                Optional.of(Priority.NORMAL), false, Optional.empty()), Optional.empty());
        local.sweep();
        return local.ses().emails().stream().filter(e -> e.to().contains("anna.smith@example.com")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no acknowledgement was sent")).replyTo().getFirst();
    }
}
