package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineAppender;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What customers do with the links in their emails: unsubscribe (in one click, RFC 8058) and answer the survey.
 * A forged or altered token is worth nothing: every method answers empty and changes nothing.
 */
public final class CustomerLinks {

    /** Net Promoter Score: how likely, 0 to 10, the customer is to recommend the shop. */
    public record SurveyAnswer(PublicLinks.Survey survey, int score) {

        public String group() {
            return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
        }
    }

    private final PublicLinks links;
    private final ShopCache shops;
    private final RecipientStore recipients;
    private final TimelineAppender timeline;
    private final Clock clock;

    public CustomerLinks(PublicLinks links, ShopCache shops, RecipientStore recipients, TimelineAppender timeline, Clock clock) {
        this.links = links;
        this.shops = shops;
        this.recipients = recipients;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** The unsubscribe a token stands for, and its shop, if both are genuine. */
    public Optional<PublicLinks.Unsubscribe> unsubscribeLink(String token) {
        return links.unsubscribe(token).filter(u -> shop(u.shop()).isPresent());
    }

    public Optional<PublicLinks.Survey> surveyLink(String token) {
        return links.survey(token).filter(s -> shop(s.shop()).isPresent());
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

    /** Records the first answer; a second one is thanked for but does not replace it. */
    public Optional<SurveyAnswer> answer(String token, int score) {
        if (score < 0 || score > 10) {
            return Optional.empty();
        }
        return surveyLink(token).map(survey -> {
            Instant now = clock.instant();
            var answer = new SurveyAnswer(survey, score);
            timeline.write(survey.shop(), new TimelineEntry("survey-answer", Subject.order(survey.order()), now, EntryKind.SURVEY_ANSWERED,
                    EntryText.of(Phrase.SURVEY_ANSWERED).count("score", score).with("group", Vocabulary.NPS.code(answer.group())),
                    Optional.empty()), survey.emailHash());
            return answer;
        });
    }
}
