package io.aftercare.lambda.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.inbound.MailVerdicts;
import io.aftercare.domain.inbound.MailVerdicts.Verdict;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One record of the event SES's Lambda action sends ({@code Records[].ses}): the message id (the raw message's S3 key
 * after the rule's prefix, and the same on every redelivery), when it arrived, the envelope recipients and the
 * verdicts. The body is not in it: the rule's S3 action wrote it first.
 */
public record SesReceipt(String messageId, Instant receivedAt, List<EmailAddress> recipients, MailVerdicts verdicts) {

    public SesReceipt {
        recipients = List.copyOf(recipients);
    }

    /** Every record of a Lambda-action event; a record that is no SES receipt is a {@link NotAReceipt}. */
    public static List<SesReceipt> read(JsonNode event) {
        List<SesReceipt> receipts = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            receipts.add(record(record.path("ses")));
        }
        return receipts;
    }

    private static SesReceipt record(JsonNode ses) {
        JsonNode mail = ses.path("mail");
        JsonNode receipt = ses.path("receipt");
        String messageId = mail.path("messageId").asText("");
        // SES's ids are letters, digits and dashes; anything else would steer the S3 key
        if (!messageId.matches("[A-Za-z0-9-]{1,100}")) {
            throw new NotAReceipt("the record has no SES message id");
        }
        List<EmailAddress> recipients = new ArrayList<>();
        for (JsonNode recipient : receipt.path("recipients")) {
            if (EmailAddress.isValid(recipient.asText())) {
                recipients.add(new EmailAddress(recipient.asText()));
            }
        }
        MailVerdicts verdicts = new MailVerdicts(verdict(receipt, "spamVerdict"), verdict(receipt, "virusVerdict"),
                verdict(receipt, "spfVerdict"), verdict(receipt, "dkimVerdict"), verdict(receipt, "dmarcVerdict"));
        return new SesReceipt(messageId, instant(receipt.path("timestamp").asText(mail.path("timestamp").asText(""))), recipients, verdicts);
    }

    /** A verdict SES did not give (scanning off) or one it has added since is not a pass. */
    private static Verdict verdict(JsonNode receipt, String field) {
        String status = receipt.path(field).path("status").asText("DISABLED").toUpperCase(Locale.ROOT);
        try {
            return Verdict.valueOf(status);
        } catch (IllegalArgumentException unknown) {
            return Verdict.PROCESSING_FAILED;
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new NotAReceipt("the record's timestamp is not an instant");
        }
    }

    /** The event is not what SES's Lambda action sends: retrying cannot help. */
    public static final class NotAReceipt extends RuntimeException {
        public NotAReceipt(String reason) {
            super(reason);
        }
    }
}
