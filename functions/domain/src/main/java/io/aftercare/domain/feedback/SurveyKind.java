package io.aftercare.domain.feedback;

import io.aftercare.domain.email.EmailKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A kind of survey: the email that asks it, its scale, which scores are followed up by a person, and which later score
 * counts as a recovery. Its code ({@code nps}) is what timeline entries carry in their {@code survey} parameter; the
 * metrics count every kind by it.
 *
 * @param email the slug of the email kind that asks it
 * @param lowUpTo scores up to this one open a follow-up ticket
 * @param recoveredFrom after a followed-up low score, a score from this one up is a recovery
 */
public enum SurveyKind {
    /** Net Promoter Score: how likely, 0 to 10, the customer is to recommend the shop; after delivery. */
    NPS("survey", 0, 10, 6, 9),
    /** Customer satisfaction: 1 to 5 after a resolved ticket; satisfied is 4 and 5. */
    CSAT("csat-survey", 1, 5, 2, 4),
    /** Customer effort: how easy, 1 to 7, the return or refund was; after it is completed. */
    CES("ces-survey", 1, 7, 3, 5);

    private final String email;
    private final int lowest;
    private final int highest;
    private final int lowUpTo;
    private final int recoveredFrom;

    SurveyKind(String email, int lowest, int highest, int lowUpTo, int recoveredFrom) {
        this.email = email;
        this.lowest = lowest;
        this.highest = highest;
        this.lowUpTo = lowUpTo;
        this.recoveredFrom = recoveredFrom;
    }

    /** {@code nps}: stored on the survey item and in timeline entries' {@code survey} code. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int lowest() {
        return lowest;
    }

    public int highest() {
        return highest;
    }

    public boolean onScale(int score) {
        return score >= lowest && score <= highest;
    }

    public boolean low(int score) {
        return score <= lowUpTo;
    }

    public boolean recovers(int score) {
        return score >= recoveredFrom;
    }

    /** The NPS group of a score (promoter, passive, detractor); other kinds have none. */
    public Optional<String> group(int score) {
        if (this != NPS) {
            return Optional.empty();
        }
        return Optional.of(score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor");
    }

    /** The survey an email asks, if it asks one. */
    public static Optional<SurveyKind> askedBy(EmailKind email) {
        return askedByEmail(email.slug());
    }

    /** The survey the email of this slug ({@code ces-survey}) asks, if it asks one. */
    public static Optional<SurveyKind> askedByEmail(String slug) {
        return Arrays.stream(values()).filter(k -> k.email.equals(slug)).findFirst();
    }

    public static Optional<SurveyKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
    }
}
