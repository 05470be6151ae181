package io.aftercare.domain.feedback;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.TimelineEntry;
import java.util.List;
import java.util.Optional;

/** Port: the surveys sent to each customer, kept beside the customer. */
public interface SurveyStore {

    /** Records a survey as sent; a retried send (the same id) keeps the first record, and its answer. */
    void sent(Survey survey);

    Optional<Survey> find(ShopId shop, String emailHash, String surveyId);

    /**
     * Replaces the stored survey with {@code survey}, and writes the entries with it, only if the stored one is still at
     * {@code survey.version() - 1}.
     * The entries go on the customer's timeline too.
     *
     * @return false when another write changed it meanwhile: nothing was written
     */
    boolean save(Survey survey, List<TimelineEntry> entries);

    /** The customer's surveys, the latest sent first. */
    List<Survey> ofCustomer(ShopId shop, String emailHash);
}
