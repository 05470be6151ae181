package io.aftercare.lambda.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.LocalS3;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.inbound.KeptAttachments;
import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.inbound.MailVerdicts;
import io.aftercare.domain.inbound.MailVerdicts.Verdict;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The inbound bucket on an S3-compatible server, SES's receipt event as AWS documents it, and the attachment caps. */
class InboundBucketTest {

    private static final LocalS3 S3 = LocalS3.start("inbound");
    private static final S3InboundBucket BUCKET = new S3InboundBucket(S3.client(), S3.presigner(), "inbound");
    private static final ShopId SHOP = new ShopId("kettle-house");

    @AfterAll
    static void stop() {
        S3.close();
    }

    @Test
    void givenAwsSampleLambdaActionEvent_whenRead_thenItsMessageIdArrivalRecipientsAndVerdictsAreTaken() throws IOException {
        var event = new ObjectMapper().readTree(RepositoryRoot.find().resolve("infrastructure/fixtures/ses/receipt-lambda-action.json").toFile());

        var receipt = SesReceipt.read(event);

        assertThat(receipt).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo("EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000");
            assertThat(r.receivedAt()).isEqualTo(Instant.parse("2019-08-05T21:30:02.028Z"));
            assertThat(r.recipients()).containsExactly(new EmailAddress("recipient@example.com"));
            assertThat(r.verdicts()).isEqualTo(new MailVerdicts(Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.GRAY));
        });
    }

    @Test
    void givenAReceiptWhoseMessageIdWouldLeaveTheRawPrefix_whenRead_thenItIsNoReceipt() throws IOException {
        var event = new ObjectMapper().readTree("""
                {"Records": [{"ses": {"mail": {"messageId": "../attachments/x", "timestamp": "2019-08-05T21:30:02.028Z"}, "receipt": {}}}]}""");

        assertThatThrownBy(() -> SesReceipt.read(event)).isInstanceOf(SesReceipt.NotAReceipt.class);
    }

    @Test
    void givenAttachmentsOverEachCapAndTheMessageCap_whenKept_thenTheyAreListedAsNotKeptAndTheOthersAreStored() {
        var small = attachment("note.txt", "text/plain", 10);
        var tooBig = attachment("video.mp4", "video/mp4", (int) KeptAttachments.PER_ATTACHMENT + 1);
        var nine = attachment("scan-1.pdf", "application/pdf", 9 * 1024 * 1024);

        var kept = KeptAttachments.keep(SHOP, "msg-caps", List.of(small, tooBig, nine, nine, nine), BUCKET);

        assertThat(kept).extracting(a -> a.kept()).containsExactly(true, false, true, true, false);
        assertThat(kept.get(1).size()).isEqualTo(KeptAttachments.PER_ATTACHMENT + 1);
        assertThat(kept.get(0).key()).isEqualTo("attachments/kettle-house/msg-caps/0");
        assertThatThrownBy(() -> BUCKET.link(kept.get(1), Duration.ofMinutes(5))).isInstanceOf(NotFound.class);
    }

    @Test
    void givenAStoredAttachment_whenItsSignedLinkIsOpened_thenItServesItsBytesAsADownloadForFiveMinutesOnly() throws Exception {
        var html = attachment("invoice\"; filename=evil.html", "text/html", 0);
        var stored = BUCKET.store(SHOP, "msg-link", 0, new InboundMessage.Attachment(html.fileName(), html.contentType(),
                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)));

        var link = BUCKET.link(stored, Duration.ofMinutes(5));
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(link.getQuery()).contains("X-Amz-Expires=300").contains("X-Amz-Signature=");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<script>alert(1)</script>");
        assertThat(link.getRawQuery()).contains("response-content-type=application%2Foctet-stream")
                .contains("response-content-disposition=attachment%3B%20filename%2A%3DUTF-8%27%27invoice%2522%253B%2520filename%253Devil.html");
    }

    @Test
    void givenARawMessageSesWrote_whenRead_thenItsBytesComeBackAndAMissingOneIsNamedMissing() {
        BUCKET.putRaw("msg-raw", "From: a@b.example\r\n\r\nhi".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(BUCKET.raw("msg-raw"), StandardCharsets.UTF_8)).endsWith("hi");
        assertThatThrownBy(() -> BUCKET.raw("msg-none")).isInstanceOf(S3InboundBucket.RawMessageMissing.class);
    }

    @Test
    void givenTheLocalS3Server_whenStarted_thenItListensOnLoopbackOnlyAndThisMachinesOtherAddressesAreRefused() throws IOException {
        List<InetAddress> others = java.util.Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses).filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()).toList();
        int port = S3.listening().getPort();

        assertThat(S3.listening().getAddress().isLoopbackAddress()).isTrue();
        try (var loopback = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertThat(loopback.isConnected()).isTrue();
        }
        for (InetAddress other : others) {
            assertThatThrownBy(() -> new Socket(other, port).close()).as(other.getHostAddress()).isInstanceOf(ConnectException.class);
        }
    }

    private static InboundMessage.Attachment attachment(String name, String type, int size) {
        return new InboundMessage.Attachment(name, type, new byte[size]);
    }
}
