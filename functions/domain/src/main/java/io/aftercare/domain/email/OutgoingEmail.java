package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.HeaderText;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An email ready to go: both parts rendered, its headers ({@code List-Unsubscribe} for non-transactional mail) and
 * the tags that let an SES event be traced back to its shop and action (plain values: the sender spells them as its
 * service allows). The display name, the subject and the header values are flattened to one line here, the one place
 * every outgoing email passes (see {@link HeaderText}).
 */
public record OutgoingEmail(String fromName, EmailAddress from, EmailAddress replyTo, EmailAddress to, String subject,
                            String html, String text, Map<String, String> headers, Map<String, String> tags) {

    public OutgoingEmail {
        fromName = HeaderText.flatten(fromName);
        subject = HeaderText.flatten(subject);
        headers = headers.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, h -> HeaderText.flatten(h.getValue())));
    }
}
