package io.aftercare.domain.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.Subject;
import java.util.Optional;

/**
 * How an email about {@code subject} is threaded: its Reply-To, and what is kept so that a reply finds what it answers:
 * the code Aftercare's reply address carries ({@code code}, kept before the email goes) and, where the deployment
 * receives mail, the id SES gives the email ({@code keepsMessageId}, kept once it is sent). Made by {@link Threading}.
 */
public record EmailThread(ShopId shop, Subject subject, EmailAddress replyTo, Optional<String> code, boolean keepsMessageId) {
}
