package io.aftercare.domain.action;

import java.util.List;

/** Port: hands claimed actions to the workers (SQS in AWS, an in-process queue locally). */
public interface ActionQueue {

    void submit(List<ClaimedAction> actions);
}
