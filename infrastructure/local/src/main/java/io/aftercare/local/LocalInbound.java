package io.aftercare.local;

import io.aftercare.devkit.LocalS3;
import io.aftercare.devkit.SesInbound;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.email.InboundDomain;
import io.aftercare.domain.inbound.MessageParser;
import io.aftercare.domain.inbound.UnreadableMessage;
import io.aftercare.lambda.Failures;
import io.aftercare.lambda.InboundEmailHandler;
import io.aftercare.lambda.inbound.S3InboundBucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;

/**
 * SES's receiving part on localhost: a raw message (handed over, or dropped as a {@code .eml} file in the data
 * folder's {@code inbound/}) is written to the embedded S3-compatible server under the key SES's S3 action uses, then
 * the receipt event goes to the real {@link InboundEmailHandler}. The envelope recipients are the message's To
 * addresses (SES would have them from the SMTP conversation); no spam, virus or sender checks run here.
 */
final class LocalInbound implements AutoCloseable {

    static final String BUCKET = "aftercare-local-inbound";
    /** The local runner's inbound domain: its reply addresses ({@code reply+...@}) and shop addresses reach only it. */
    static final InboundDomain DOMAIN = new InboundDomain("inbound.aftercare.localhost");

    private final LocalS3 s3;
    private final S3InboundBucket bucket;
    private final MessageParser parser;
    private final Clock clock;
    private InboundEmailHandler handler;

    private LocalInbound(LocalS3 s3, MessageParser parser, Clock clock) {
        this.s3 = s3;
        this.bucket = new S3InboundBucket(s3.client(), s3.presigner(), BUCKET);
        this.parser = parser;
        this.clock = clock;
    }

    static LocalInbound start(MessageParser parser, Clock clock) {
        return new LocalInbound(LocalS3.start(BUCKET), parser, clock);
    }

    S3InboundBucket bucket() {
        return bucket;
    }

    /** Once Aftercare is built on this bucket. */
    void handOverTo(InboundEmailHandler handler) {
        this.handler = handler;
    }

    /** Receives one raw message as SES would; @return its delivery id */
    String receive(byte[] raw) {
        List<String> recipients;
        try {
            recipients = parser.parse(raw).to().stream().map(EmailAddress::value).toList();
        } catch (UnreadableMessage unreadable) {
            recipients = List.of(); // the handler refuses it, as it would in AWS
        }
        String id = SesInbound.messageId();
        bucket.putRaw(id, raw);
        handler.handleRequest(SesInbound.event(id, clock.instant(), recipients, "DISABLED"), new LocalContext("InboundEmailFunction", id));
        return id;
    }

    /** Every {@code .eml} in {@code folder}, received and moved to {@code folder/received/}. */
    int receiveDropped(Path folder) {
        int received = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.eml")) {
            Path done = Files.createDirectories(folder.resolve("received"));
            for (Path file : files) {
                try {
                    receive(Files.readAllBytes(file));
                    received++;
                } catch (RuntimeException e) {
                    System.err.println("received mail " + file.getFileName() + " failed: " + Failures.describe(e));
                }
                Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the inbound drop folder " + folder, e);
        }
        return received;
    }

    @Override
    public void close() {
        s3.close();
    }
}
