package io.aftercare.domain.shop;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import java.time.Duration;
import java.util.List;

/**
 * One rung of the ladder: after {@code after} of business time without a response, tell these contacts and every
 * member holding one of these roles when it is sent (level 1: the assignee if the ticket has one, else these; level 2
 * the support lead; level 3 a manager).
 */
public record EscalationStep(int level, Duration after, List<EmailAddress> contacts, List<Role> roles) {

    public EscalationStep(int level, Duration after, List<EmailAddress> contacts) {
        this(level, after, contacts, List.of());
    }

    public EscalationStep {
        if (level < 1 || level > 3) {
            throw new InvalidInput("support.escalation", "escalation levels are 1, 2 and 3");
        }
        if (after == null || after.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new InvalidInput("support.escalation", "each escalation waits at least a minute");
        }
        contacts = List.copyOf(contacts);
        roles = List.copyOf(roles);
    }
}
