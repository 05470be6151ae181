package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What customers do with the unsubscribe links in their emails (one click, RFC 8058), and whose survey links are genuine
 * (surveys answer them: {@code io.aftercare.domain.feedback.Surveys}).
 * A forged or altered token is worth nothing: every method answers empty and changes nothing.
 */
public final class CustomerLinks {

    private final PublicLinks links;
    private final ShopCache shops;
    private final RecipientStore recipients;
    private final Clock clock;

    public CustomerLinks(PublicLinks links, ShopCache shops, RecipientStore recipients, Clock clock) {
        this.links = links;
        this.shops = shops;
        this.recipients = recipients;
        this.clock = clock;
    }

    /** The unsubscribe a token stands for, and its shop, if both are genuine. */
    public Optional<PublicLinks.Unsubscribe> unsubscribeLink(String token) {
        return links.unsubscribe(token).filter(u -> shop(u.shop()).isPresent());
    }

    public Optional<PublicLinks.Survey> surveyLink(String token) {
        return links.survey(token).filter(s -> shop(s.shop()).isPresent());
    }

    /** A one-click score of a kept survey, and its shop, if both are genuine. */
    public Optional<PublicLinks.ScoreClick> scoreClick(String token) {
        return links.scoreClick(token).filter(c -> shop(c.survey().shop()).isPresent());
    }

    /** A kept survey's page, and its shop, if both are genuine. */
    public Optional<PublicLinks.SurveyLink> surveyPage(String token) {
        return links.surveyPage(token).filter(s -> shop(s.shop()).isPresent());
    }

    public Optional<Shop> shop(ShopId id) {
        return shops.find(id);
    }

    /** @param everything leave every non-transactional email of the shop, not just the link's category */
    public Optional<PublicLinks.Unsubscribe> unsubscribe(String token, boolean everything) {
        return unsubscribeLink(token).map(link -> {
            EmailCategory category = everything ? EmailCategory.ALL : link.category();
            Instant now = clock.instant();
            recipients.unsubscribe(link.shop(), link.emailHash(), category, now, new TimelineEntry("unsubscribed-" + category.slug(),
                    Subject.customerByHash(link.emailHash()), now, EntryKind.UNSUBSCRIBED,
                    EntryText.of(Phrase.UNSUBSCRIBED).code("category", Vocabulary.CATEGORY, category), Optional.empty()));
            return new PublicLinks.Unsubscribe(link.shop(), link.emailHash(), category, link.language());
        });
    }
}
