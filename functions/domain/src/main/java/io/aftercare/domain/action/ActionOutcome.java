package io.aftercare.domain.action;

import java.util.Optional;

/**
 * How an action ended.
 *
 * @param messageId SES's id of the email sent, when one was
 * @param reason why it was skipped or failed
 */
public record ActionOutcome(Result result, Optional<String> messageId, Optional<Reason> reason) {

    public enum Result { SENT, SKIPPED, FAILED }

    public static ActionOutcome sent(String messageId) {
        return new ActionOutcome(Result.SENT, Optional.of(messageId), Optional.empty());
    }

    public static ActionOutcome skipped(Reason reason) {
        return new ActionOutcome(Result.SKIPPED, Optional.empty(), Optional.of(reason));
    }

    public static ActionOutcome failed(Reason reason) {
        return new ActionOutcome(Result.FAILED, Optional.empty(), Optional.of(reason));
    }
}
