package io.aftercare.domain.action;

import java.time.Duration;
import java.util.List;

/** Port: hands claimed actions to the workers (SQS in AWS, ElasticMQ locally), each class to its own queue. */
public interface ActionQueue {

    /** @param delay how long the workers should not see them yet: how the sweep spreads bulk email over its interval */
    void submit(List<ClaimedAction> actions, Duration delay);

    /**
     * Bulk actions in the queue and not yet done (waiting, delayed or being worked): the sweep claims only what tops
     * them up to one interval of sending, so that none waits there until its lease ends.
     */
    long bulkQueued();
}
