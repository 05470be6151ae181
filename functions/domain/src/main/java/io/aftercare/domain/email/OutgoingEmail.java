package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import java.util.Map;

/**
 * An email ready to go: both parts rendered, its headers ({@code List-Unsubscribe} for non-transactional mail) and
 * the tags that let an SES event be traced back to its shop and action.
 */
public record OutgoingEmail(String fromName, EmailAddress from, EmailAddress replyTo, EmailAddress to, String subject,
                            String html, String text, Map<String, String> headers, Map<String, String> tags) {
}
