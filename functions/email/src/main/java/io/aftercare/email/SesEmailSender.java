package io.aftercare.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Limits;
import io.aftercare.domain.email.EmailRejected;
import io.aftercare.domain.email.EmailSender;
import io.aftercare.domain.email.OutgoingEmail;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;

/**
 * Sends through SES v2 {@code SendEmail}. Throttling and server errors are retried by the SDK's retry policy with
 * backoff and, past that, thrown for the queue to retry later; refusals that no retry can fix become
 * {@link EmailRejected}, every address in their text masked (SES names the identities it refused).
 */
public final class SesEmailSender implements EmailSender {

    /** RFC 2047: an encoded word is at most 75 characters; 45 bytes make 60 of Base64 inside its 12 of framing. */
    private static final int ENCODED_WORD_BYTES = 45;

    private final SesV2Client ses;
    private final Optional<String> configurationSet;

    public SesEmailSender(SesV2Client ses, Optional<String> configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(OutgoingEmail email) {
        var request = SendEmailRequest.builder()
                .fromEmailAddress(displayName(email.fromName()) + " <" + email.from().value() + ">")
                .replyToAddresses(email.replyTo().value())
                .destination(d -> d.toAddresses(email.to().value()))
                .content(EmailContent.builder().simple(Message.builder()
                        .subject(utf8(email.subject()))
                        .body(Body.builder().html(utf8(email.html())).text(utf8(email.text())).build())
                        .headers(email.headers().entrySet().stream()
                                .map(h -> MessageHeader.builder().name(h.getKey()).value(h.getValue()).build()).toList())
                        .build()).build())
                .emailTags(email.tags().entrySet().stream()
                        .map(t -> MessageTag.builder().name(t.getKey()).value(SesTags.encode(t.getValue())).build()).toList())
                .configurationSetName(configurationSet.orElse(null))
                .build();
        try {
            return ses.sendEmail(request).messageId();
        } catch (MessageRejectedException | MailFromDomainNotVerifiedException | AccountSuspendedException | SendingPausedException e) {
            throw new EmailRejected(EmailAddress.maskAddressesIn(e.awsErrorDetails().errorMessage()));
        } catch (BadRequestException e) {
            throw new EmailRejected("bad request: " + EmailAddress.maskAddressesIn(e.awsErrorDetails().errorMessage()));
        }
    }

    private static Content utf8(String data) {
        return Content.builder().charset(StandardCharsets.UTF_8.name()).data(data).build();
    }

    /**
     * A display name that cannot break the From header (OutgoingEmail made it one line): a quoted string when it is
     * ASCII (quotes and commas stay inside it), RFC 2047 encoded words when it is not ("Herbaciarnia Żółw"), as SES
     * requires, split between characters so that no word exceeds 75 characters.
     */
    static String displayName(String name) {
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        List<String> words = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        for (int i = 0, next; i < name.length(); i = next) {
            next = i + Character.charCount(name.codePointAt(i));
            int size = Limits.utf8Length(name.substring(i, next));
            if (bytes + size > ENCODED_WORD_BYTES) {
                words.add(encodedWord(name.substring(start, i)));
                start = i;
                bytes = 0;
            }
            bytes += size;
        }
        words.add(encodedWord(name.substring(start)));
        return String.join(" ", words);
    }

    private static String encodedWord(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
