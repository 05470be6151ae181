package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.timeline.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What SES reported about an email Aftercare sent, traced back through the email's tags.
 *
 * @param shop the {@code shop} tag; events of mail Aftercare did not send have none and are ignored
 * @param actionId the {@code action} tag, decoded
 * @param kind the {@code kind} tag: which kind of action sent it
 * @param about the order its {@code order} tag names, else the ticket its {@code ticket} tag names: what the email was
 *              about, whose timeline its reports go on (else the customer's)
 * @param detail the bounce's diagnostic (or its type when SES gave none), the complaint's feedback type, the reject's
 *               reason or the delay's type, for the timeline
 */
public record MailboxEvent(Type type, Optional<String> shop, Optional<String> actionId, Optional<ActionKind> kind,
                           Optional<Subject> about, List<EmailAddress> recipients,
                           Instant at, Optional<String> detail) {

    /** {@code REJECTED}: SES refused to send it (a virus, for instance): a failed email. {@code DELAYED}: still being retried by SES. */
    public enum Type { DELIVERED, HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, REJECTED, DELAYED, OTHER }
}
