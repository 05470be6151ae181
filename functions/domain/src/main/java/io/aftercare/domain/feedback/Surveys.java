package io.aftercare.domain.feedback;

import io.aftercare.domain.ChangedMeanwhile;
import io.aftercare.domain.RaceRetry;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.action.ClaimedAction;
import io.aftercare.domain.email.EmailContent;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.PublicLinks;
import io.aftercare.domain.email.SurveyInvitations;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineAppender;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.Vocabulary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Surveys from the send to the answer. A click on a score in the email records it at once (a GET: mail scanners and
 * prefetchers open links too, so recording is idempotent, and a later click within {@link Survey#CHANGEABLE} changes
 * it: a scanner's click is overwritten by the customer's). Links count nothing after {@link Survey#LINKS_LAST}; a
 * forged or altered token names no survey. Every answer and every change is a {@code SURVEY_ANSWERED} entry, on the
 * customer's timeline and the order's; a low score is followed up by a person ({@link LowScoreFollowUp}). A customer
 * gets one survey, of any kind, in the shop's survey cap ({@code ShopSettings#surveyCap}, 30 days unless set).
 */
public final class Surveys implements SurveyInvitations {

    /** What a click or an answer from the page did. */
    public enum Outcome { RECORDED, CHANGED, UNCHANGED, WINDOW_CLOSED }

    public record Answered(Survey survey, Outcome outcome, boolean changeable) {
    }

    private final SurveyStore store;
    private final PublicLinks links;
    private final LowScoreFollowUp followUp;
    private final TimelineAppender timeline;
    private final Clock clock;

    public Surveys(SurveyStore store, PublicLinks links, LowScoreFollowUp followUp, TimelineAppender timeline, Clock clock) {
        this.store = store;
        this.links = links;
        this.followUp = followUp;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Override
    public boolean capped(ClaimedAction action, String emailHash, Duration cap, Instant now) {
        if (cap.isZero()) {
            return false;
        }
        Instant since = now.minus(cap);
        return store.ofCustomer(action.shop(), emailHash).stream()
                .anyMatch(s -> !s.id().equals(action.actionId()) && s.sentAt().isAfter(since));
    }

    @Override
    public Invitation invite(ClaimedAction action, EmailKind kind, About about, String emailHash, Language language, Instant now) {
        SurveyKind survey = SurveyKind.askedBy(kind).orElseThrow(() -> new IllegalArgumentException(kind.slug() + " asks no survey"));
        store.sent(Survey.sent(action.shop(), action.actionId(), survey, emailHash, language, about.order(),
                about.ticket(), about.agent(), about.team(), now));
        var link = new PublicLinks.SurveyLink(action.shop(), action.actionId(), emailHash, language);
        List<EmailContent.ScoreLink> scores = IntStream.rangeClosed(survey.lowest(), survey.highest())
                .mapToObj(score -> new EmailContent.ScoreLink(score, links.scoreUrl(link, score))).toList();
        return new Invitation(links.surveyPageUrl(link), scores);
    }

    /** The survey a link names, while its links count. */
    public Optional<Survey> open(PublicLinks.SurveyLink link) {
        return store.find(link.shop(), link.emailHash(), link.surveyId()).filter(s -> !s.linksExpired(clock.instant()));
    }

    /**
     * Records a score: the first, or a change within the window; the same score again changes nothing.
     *
     * @return empty for a link that no longer counts, or a score off the survey's scale
     */
    public Optional<Answered> answer(PublicLinks.SurveyLink link, int score) {
        Optional<Answered> answered = RaceRetry.untilItWins(() -> open(link).filter(s -> s.kind().onScale(score)).map(survey -> {
            Instant now = clock.instant();
            if (survey.score().equals(Optional.of(score))) {
                return new Answered(survey, Outcome.UNCHANGED, survey.changeable(now));
            }
            if (!survey.changeable(now)) {
                return new Answered(survey, Outcome.WINDOW_CLOSED, false);
            }
            Survey after = survey.answered(score, now);
            if (!store.save(after, List.of(entry(survey, after, recovers(survey, score), now)))) {
                throw new ChangedMeanwhile("survey " + survey.id() + " was answered meanwhile");
            }
            return new Answered(after, survey.score().isPresent() ? Outcome.CHANGED : Outcome.RECORDED, true);
        }));
        // after the answer is kept: a follow-up that failed is made by the next click, even of the same score
        return answered.map(a -> a.survey().low() && a.survey().followUp().isEmpty()
                ? new Answered(followUp(a.survey()), a.outcome(), a.changeable()) : a);
    }

    /**
     * Keeps the customer's comment (the latest replaces an earlier one) and adds it to the follow-up ticket, if the
     * score opened one: an answer's comment never opens a second ticket.
     *
     * @return empty for a link that no longer counts, a survey not answered yet, or one past its window
     */
    public Optional<Survey> comment(PublicLinks.SurveyLink link, String text) {
        String comment = text.strip();
        String kept = comment.length() > Survey.MAX_COMMENT ? comment.substring(0, Survey.MAX_COMMENT) : comment;
        if (kept.isEmpty()) {
            return open(link).filter(s -> s.score().isPresent());
        }
        return RaceRetry.untilItWins(() -> open(link).filter(s -> s.score().isPresent() && s.changeable(clock.instant())).map(survey -> {
            Survey after = survey.commented(kept);
            if (!store.save(after, List.of())) {
                throw new ChangedMeanwhile("survey " + survey.id() + " changed meanwhile");
            }
            return after;
        })).map(survey -> survey.followUp().isPresent() ? followUp.commented(survey) : survey.low() ? followUp(survey) : survey);
    }

    /** @param saved the survey as just saved: marked at once, read again only when another write won meanwhile */
    private Survey followUp(Survey saved) {
        String ticket = followUp.open(saved);
        var current = new AtomicReference<>(saved);
        return RaceRetry.untilItWins(() -> {
            Survey survey = current.get();
            if (survey.followUp().isPresent()) {
                return survey;
            }
            Survey marked = survey.followedUpIn(ticket);
            if (!store.save(marked, List.of())) {
                current.set(store.find(survey.shop(), survey.emailHash(), survey.id()).orElseThrow());
                throw new ChangedMeanwhile("survey " + survey.id() + " changed meanwhile");
            }
            return marked;
        });
    }

    /**
     * An answer from an order's page (a check-in's link, or a survey email sent before surveys were kept): the first
     * is recorded on the order, a later one is thanked for and changes nothing.
     *
     * @return empty for a score off the NPS scale
     */
    public Optional<Integer> answerOrderPage(PublicLinks.Survey page, int score) {
        if (!SurveyKind.NPS.onScale(score)) {
            return Optional.empty();
        }
        timeline.write(page.shop(), new TimelineEntry("survey-answer", Subject.order(page.order()), clock.instant(), EntryKind.SURVEY_ANSWERED,
                answeredText(SurveyKind.NPS, score), Optional.empty()), page.emailHash());
        return Optional.of(score);
    }

    /**
     * A recovery: a high score whose customer's latest earlier answer (this survey's own score, or another survey's)
     * was low and followed up.
     */
    private boolean recovers(Survey survey, int score) {
        if (!survey.kind().recovers(score)) {
            return false;
        }
        if (survey.score().isPresent()) {
            return survey.low() && survey.followUp().isPresent();
        }
        return store.ofCustomer(survey.shop(), survey.emailHash()).stream()
                .filter(s -> !s.id().equals(survey.id()) && s.answeredAt().isPresent())
                .max(java.util.Comparator.comparing(s -> s.changedAt().or(s::answeredAt).orElseThrow()))
                .filter(latest -> latest.low() && latest.followUp().isPresent())
                .isPresent();
    }

    /** The contract the metrics read: {@code survey}, {@code score}, {@code previous} (a change), {@code group} (NPS), {@code recovered}. */
    private static TimelineEntry entry(Survey before, Survey after, boolean recovered, Instant now) {
        var text = answeredText(after.kind(), after.score().orElseThrow());
        if (before.score().isPresent()) {
            text = text.count("previous", before.score().get());
        }
        if (recovered) {
            text = text.flag("recovered", true);
        }
        // where agents read what it was about: the ticket's timeline for a ticket's survey, else the order's
        Subject subject = after.ticket().map(t -> Subject.ticket(t))
                .or(() -> after.order().map(Subject::order)).orElseGet(() -> Subject.customerByHash(after.emailHash()));
        return new TimelineEntry("survey-" + after.id() + "-" + after.version(), subject, now, EntryKind.SURVEY_ANSWERED, text, Optional.empty());
    }

    /** What every answer says, wherever it was given: the survey, the score on its scale and, for NPS, its group. */
    private static EntryText.Phrased answeredText(SurveyKind kind, int score) {
        var text = EntryText.of(Phrase.SURVEY_ANSWERED).with("survey", Vocabulary.SURVEY.code(kind.code()))
                .count("score", score).count("outOf", kind.highest());
        Optional<String> group = kind.group(score);
        return group.isPresent() ? text.with("group", Vocabulary.NPS.code(group.get())) : text;
    }

}
