package io.aftercare.lambda.inbound;

import io.aftercare.domain.NotFound;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.inbound.AttachmentStore;
import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.inbound.StoredAttachment;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The inbound bucket: SES's receipt rule writes each raw message under {@value #RAW_PREFIX} (its key is the SES message
 * id after that prefix), and the attachments kept of it go under {@value #ATTACHMENTS_PREFIX}{@code {shop}/}, opened
 * through presigned GET links only. The prefixes are the ones {@code template.yaml}'s rule and IAM name.
 */
public final class S3InboundBucket implements AttachmentStore {

    public static final String RAW_PREFIX = "raw/";
    public static final String ATTACHMENTS_PREFIX = "attachments/";
    /** S3's most keys one list returns, and one multi-object delete takes: a shop's erasure deletes this many a batch. */
    private static final int DELETE_BATCH = 1000;
    /** Types a browser may show inline without running anything; every other file opens as a download of bytes. */
    private static final Set<String> SHOWN_AS_IS = Set.of("image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain");

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3InboundBucket(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /** The raw message SES wrote for {@code messageId}; none there is a receipt with nothing to read (retrying cannot help). */
    public byte[] raw(String messageId) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(RAW_PREFIX + messageId)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new RawMessageMissing(messageId);
        }
    }

    /** Writes a raw message as SES's S3 action does (the local runner, the tests). */
    public void putRaw(String messageId, byte[] raw) {
        s3.putObject(b -> b.bucket(bucket).key(RAW_PREFIX + messageId).contentType("message/rfc822"), RequestBody.fromBytes(raw));
    }

    @Override
    public StoredAttachment store(ShopId shop, String deliveryId, int index, InboundMessage.Attachment attachment) {
        String key = prefix(shop) + deliveryId + "/" + index;
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(safeType(attachment.contentType())), RequestBody.fromBytes(attachment.content()));
        return new StoredAttachment(attachment.fileName(), attachment.contentType(), attachment.size(), key);
    }

    @Override
    public URI link(StoredAttachment attachment, Duration validFor) {
        if (!attachment.kept() || !attachment.key().startsWith(ATTACHMENTS_PREFIX)) {
            throw new NotFound("this attachment was not kept");
        }
        // the customer chose the file's name: RFC 6266's filename* carries it percent-encoded, so it cannot break the header
        String disposition = "attachment; filename*=UTF-8''" + URLEncoder.encode(attachment.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(validFor).getObjectRequest(g -> g.bucket(bucket).key(attachment.key())
                .responseContentDisposition(disposition).responseContentType(safeType(attachment.contentType())))).url().toString());
    }

    @Override
    public void delete(List<StoredAttachment> attachments) {
        // one by one: a message holds a few, and S3 answers a key already gone as deleted
        attachments.stream().filter(StoredAttachment::kept).filter(a -> a.key().startsWith(ATTACHMENTS_PREFIX))
                .forEach(a -> s3.deleteObject(b -> b.bucket(bucket).key(a.key())));
    }

    @Override
    public int deleteBatch(ShopId shop) {
        var listed = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix(shop)).maxKeys(DELETE_BATCH)).contents();
        if (listed.isEmpty()) {
            return 0;
        }
        // one request for the whole page: a thousand single deletes could outlast the action function's timeout
        var deleted = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(true)
                .objects(listed.stream().map(object -> ObjectIdentifier.builder().key(object.key()).build()).toList())));
        if (deleted.hasErrors() && !deleted.errors().isEmpty()) {
            var first = deleted.errors().get(0);
            throw new IllegalStateException(deleted.errors().size() + " of " + listed.size() + " attachments not deleted, first " + first.key() + ": " + first.code());
        }
        return listed.size();
    }

    /** A shop's attachments: the slash ends the shop's id, so no shop's prefix is another's. */
    private static String prefix(ShopId shop) {
        return ATTACHMENTS_PREFIX + shop.value() + "/";
    }

    private static String safeType(String contentType) {
        return SHOWN_AS_IS.contains(contentType) ? contentType : "application/octet-stream";
    }

    /** SES invoked the function for a message it did not write (or that expired): recorded as refused, not retried. */
    public static final class RawMessageMissing extends RuntimeException {
        RawMessageMissing(String messageId) {
            super("no raw message " + messageId + " in the inbound bucket");
        }
    }
}
