package io.aftercare.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.devkit.DynamoDbExtension;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.SesEmulatorExtension;
import io.aftercare.devkit.SesMailbox;
import io.aftercare.devkit.SesInbound;
import io.aftercare.devkit.TestTable;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.email.InboundDomain;
import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.inbound.StoredAttachment;
import io.aftercare.lambda.inbound.S3InboundBucket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole inbound path through the real handler: a raw message of the mail module's corpus in the inbound bucket (an
 * embedded S3-compatible server) where SES's S3 action would have written it, SES's Lambda-action event, DynamoDB
 * Local; the Reply-To is the one the SES emulator received on the ticket's acknowledgement.
 */
@ExtendWith({DynamoDbExtension.class, SesEmulatorExtension.class})
class InboundEmailTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private SesMailbox ses;
    private Harness aftercare;
    private InboundEmailHandler handler;
    private S3InboundBucket bucket;

    @BeforeEach
    void fresh(TestTable table, SesMailbox ses) {
        this.ses = ses;
        aftercare = new Harness(table, NOW, ses, new InboundDomain("inbound.aftercare.example"));
        handler = new InboundEmailHandler(aftercare.app);
        bucket = aftercare.app.inboundBucket();
    }

    @Test
    void givenACustomersReplyWithAnAttachment_whenSesInvokesTheHandler_thenItLandsOnItsTicketWhichListsTheAttachmentAndItOpensThroughItsShortLivedLink() throws Exception {
        String replyTo = acknowledged("edge-reply", "e-1", "jan.kowalski@example.pl");

        int ticketed = deliver(reply("jan.kowalski@example.pl", replyTo), SesInbound.messageId());

        assertThat(ticketed).isEqualTo(1);
        assertThat(aftercare.ticketSummaries("edge-reply", "c-e-1")).anyMatch(s -> s.startsWith("Customer wrote: Proszę o korektę faktury"));
        var listed = aftercare.agent("GET /api/shops/{shop}/tickets/{ticketId}", Map.of("shop", "edge-reply", "ticketId", "c-e-1"), Map.of())
                .json().path("attachments");
        assertThat(listed).singleElement().satisfies(a -> {
            assertThat(a.path("n").asInt()).isZero();
            assertThat(a.path("fileName").asText()).isEqualTo("faktura zażółć.pdf");
            assertThat(a.path("kept").asBoolean()).isTrue();
        });
        var opened = aftercare.agent("GET /api/shops/{shop}/tickets/{ticketId}/attachments/{n}",
                Map.of("shop", "edge-reply", "ticketId", "c-e-1", "n", "0"), Map.of());
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().path("fileName").asText()).isEqualTo("faktura zażółć.pdf");
        assertThat(opened.json().path("expiresInSeconds").asInt()).isEqualTo(300);
        var file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(opened.json().path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(new String(file.body(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");
    }

    @Test
    void givenTheSameSesNotificationTwice_whenHandled_thenTheTicketGainsOneMessage() throws Exception {
        String replyTo = acknowledged("edge-twice", "t-1", "jan.kowalski@example.pl");
        String id = SesInbound.messageId();

        deliver(reply("jan.kowalski@example.pl", replyTo), id);
        deliver(reply("jan.kowalski@example.pl", replyTo), id);

        assertThat(aftercare.ticketSummaries("edge-twice", "c-t-1")).filteredOn(s -> s.startsWith("Customer wrote: Proszę")).hasSize(1);
    }

    @Test
    void givenAnAttachmentOfOneShopsTicket_whenAskedForThroughAnotherShop_thenNoLinkIsGiven() throws Exception {
        String replyTo = acknowledged("edge-own", "o-1", "jan.kowalski@example.pl");
        deliver(reply("jan.kowalski@example.pl", replyTo), SesInbound.messageId());
        assertThat(aftercare.registerShop("edge-other", "generic").status()).isEqualTo(201);

        var elsewhere = aftercare.agent("GET /api/shops/{shop}/tickets/{ticketId}/attachments/{n}",
                Map.of("shop", "edge-other", "ticketId", "c-o-1", "n", "0"), Map.of());
        var beyond = aftercare.agent("GET /api/shops/{shop}/tickets/{ticketId}/attachments/{n}",
                Map.of("shop", "edge-own", "ticketId", "c-o-1", "n", "1"), Map.of());

        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.body()).doesNotContain("X-Amz");
        assertThat(beyond.status()).isEqualTo(404);
    }

    @Test
    void givenMailThatCannotBeRead_whenHandled_thenItIsRefusedOnceAndNothingIsTicketed() {
        String id = SesInbound.messageId();
        bucket.putRaw(id, new byte[0]);

        int ticketed = handler.handleRequest(SesInbound.event(id, NOW, List.of("edge-none@inbound.aftercare.example"), "PASS"), null);
        int missing = handler.handleRequest(SesInbound.event(SesInbound.messageId(), NOW, List.of("edge-none@inbound.aftercare.example"), "PASS"), null);

        assertThat(ticketed).isZero();
        assertThat(missing).as("a receipt whose raw message is not there").isZero();
    }

    @Test
    void givenMailToAShopThatCannotBeReadOrIsNotThere_whenHandled_thenTheShopsTrailSaysSoOnceEach() {
        assertThat(aftercare.registerShop("edge-broken", "generic").status()).isEqualTo(201);
        String unreadable = SesInbound.messageId();
        bucket.putRaw(unreadable, new byte[0]);
        var to = List.of("edge-broken@inbound.aftercare.example");

        handler.handleRequest(SesInbound.event(unreadable, NOW, to, "PASS"), null);
        handler.handleRequest(SesInbound.event(unreadable, NOW, to, "PASS"), null);
        handler.handleRequest(SesInbound.event(SesInbound.messageId(), NOW, to, "PASS"), null);

        assertThat(aftercare.auditTrail("edge-broken")).containsOnlyOnce(
                "Email refused: it cannot be read as an email; no ticket was opened",
                "Email refused: SES kept no message for it; no ticket was opened");
    }

    @Test
    void givenRepliesWithAttachmentsFromTwoCustomers_whenOneIsErasedThroughTheAdminApi_thenNoneOfTheirFilesRemainsAndTheOthersDo() throws Exception {
        String jan = acknowledged("edge-erase", "j-1", "jan.kowalski@example.pl");
        String ola = aftercare.acknowledged(ses, "edge-erase", "o-1", "ola@example.pl");
        deliver(reply("jan.kowalski@example.pl", jan), SesInbound.messageId());
        deliver(reply("ola@example.pl", ola), SesInbound.messageId());
        var janFiles = files("edge-erase", "c-j-1");
        var olaFiles = files("edge-erase", "c-o-1");
        assertThat(stored("edge-erase")).containsAll(janFiles).containsAll(olaFiles);

        var erasure = aftercare.admin("POST /admin/shops/{shop}/privacy/customer-erasures", Map.of("shop", "edge-erase"),
                "{\"email\": \"jan.kowalski@example.pl\", \"requestId\": \"erase-jan\"}");
        aftercare.sweepAndWork();

        assertThat(erasure.status()).as(erasure.body()).isEqualTo(202);
        assertThat(janFiles).isNotEmpty();
        assertThat(stored("edge-erase")).doesNotContainAnyElementsOf(janFiles).containsExactlyInAnyOrderElementsOf(olaFiles);
    }

    @Test
    void givenTwoShopsWithReceivedFiles_whenOneShopIsErased_thenItsWholeShareOfTheBucketIsGoneAndTheOtherShopsRemains() throws Exception {
        deliver(reply("jan.kowalski@example.pl", acknowledged("edge-gone", "g-1", "jan.kowalski@example.pl")), SesInbound.messageId());
        deliver(reply("jan.kowalski@example.pl", acknowledged("edge-stays", "s-1", "jan.kowalski@example.pl")), SesInbound.messageId());
        // a file of the shop that no received email lists (one kept by an invocation that died before recording its email)
        bucket.store(new ShopId("edge-gone"), "died-before-recording", 0, new InboundMessage.Attachment("a.txt", "text/plain", new byte[3]));
        var staying = stored("edge-stays");

        var erasure = aftercare.admin("POST /admin/shops/{shop}/privacy/shop-erasure", Map.of("shop", "edge-gone"), "{\"requestId\": \"gone\"}");
        aftercare.sweepAndWork();

        assertThat(erasure.status()).as(erasure.body()).isEqualTo(202);
        assertThat(stored("edge-gone")).isEmpty();
        assertThat(staying).isNotEmpty();
        assertThat(stored("edge-stays")).containsExactlyInAnyOrderElementsOf(staying);
    }

    /** The keys of the files the received emails of a ticket list. */
    private List<String> files(String shop, String ticketId) {
        return aftercare.app.receivedAttachments(new ShopId(shop), ticketId).stream().map(StoredAttachment::key).toList();
    }

    /** What the bucket holds under the shop's attachments, read from the S3-compatible server itself. */
    private static List<String> stored(String shop) {
        return TestS3.server().client().listObjectsV2(b -> b.bucket(TestS3.BUCKET).prefix(S3InboundBucket.ATTACHMENTS_PREFIX + shop + "/"))
                .contents().stream().map(S3Object::key).toList();
    }

    private int deliver(byte[] raw, String messageId) {
        bucket.putRaw(messageId, raw);
        String to = new String(raw, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("To: ")).findFirst().orElseThrow().substring(4);
        return handler.handleRequest(SesInbound.event(messageId, NOW, List.of(to), "PASS"), null);
    }

    /** The corpus's Thunderbird reply with a PDF, sent by {@code from} to {@code to}. */
    private static byte[] reply(String from, String to) throws IOException {
        String raw = Files.readString(RepositoryRoot.find().resolve("functions/mail/src/test/resources/corpus/composed-thunderbird-pl-attachment-rfc2231-name.eml"));
        return raw.replace("To: Demo Shop <support@demo-shop.example>", "To: " + to)
                .replace("From: Jan Kowalski <jan.kowalski@example.pl>", "From: Jan Kowalski <" + from + ">").getBytes(StandardCharsets.UTF_8);
    }

    private String acknowledged(String shop, String id, String email) {
        assertThat(aftercare.registerShop(shop, "generic").status()).isEqualTo(201);
        return aftercare.acknowledged(ses, shop, id, email);
    }
}
