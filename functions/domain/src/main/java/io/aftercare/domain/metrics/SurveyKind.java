package io.aftercare.domain.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The surveys the metrics count, by the code of their answers and of the email that asks. */
public enum SurveyKind {
    /** 0-10: promoters 9-10, passives 7-8, detractors 0-6. */
    NPS("survey"),
    /** 1-5: satisfied 4-5. */
    CSAT("csat-survey"),
    /** 1-7: its average. */
    CES("ces-survey");

    private final String email;

    SurveyKind(String email) {
        this.email = email;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** An answer's {@code survey} code; none given is an NPS answer (written before the other surveys). */
    static Optional<SurveyKind> ofAnswer(String code) {
        return Arrays.stream(values()).filter(kind -> kind.slug().equalsIgnoreCase(code)).findFirst();
    }

    /** The survey an email kind's code ({@code CSAT_SURVEY}) asks, if it is one. */
    static Optional<SurveyKind> ofEmail(String emailCode) {
        String slug = Measure.slug(emailCode);
        return Arrays.stream(values()).filter(kind -> kind.email.equals(slug)).findFirst();
    }

    /** The counter a score adds to besides the answers: NPS's group, CSAT's satisfied; CES adds its score to a sum. */
    Tally scored(long score, long sign) {
        return switch (this) {
            case NPS -> Tally.of(Measure.survey(this, score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor"), sign);
            case CSAT -> score >= 4 ? Tally.of(Measure.survey(this, "satisfied"), sign) : Tally.EMPTY;
            case CES -> Tally.of(Measure.survey(this, "sum"), sign * score);
        };
    }
}
