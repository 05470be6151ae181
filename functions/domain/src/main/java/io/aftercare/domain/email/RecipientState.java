package io.aftercare.domain.email;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What decides whether a customer may be written to now.
 *
 * @param unsubscribed the categories they left ({@link EmailCategory#ALL} for everything but transactional mail)
 * @param hardSuppression why the address must never be written to again (a permanent bounce, a complaint)
 * @param lastFollowUpAt when they last got a non-transactional email from this shop, for the frequency cap
 * @param openComplaints complaints not yet resolved: no cheerful check-in meanwhile
 * @param lastComplaintAt when they last complained, for telling a repeat complaint
 */
public record RecipientState(Set<EmailCategory> unsubscribed, Optional<Suppression> hardSuppression, Optional<Instant> lastFollowUpAt,
                             int openComplaints, Optional<Instant> lastComplaintAt) {

    public boolean unsubscribedFrom(EmailCategory category) {
        return category != EmailCategory.TRANSACTIONAL
                && (unsubscribed.contains(category) || unsubscribed.contains(EmailCategory.ALL));
    }
}
