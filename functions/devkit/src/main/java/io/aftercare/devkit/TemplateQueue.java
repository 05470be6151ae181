package io.aftercare.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * An action queue as {@code template.yaml} declares it: its visibility timeout, and after how many receives a message
 * moves to which dead-letter queue. The local runner and the tests create their queues from it.
 *
 * @param visibilityTimeout how long a received message stays hidden before SQS delivers it again
 * @param maxReceiveCount receives after which a message goes to the dead-letter queue
 * @param deadLetterQueue the logical id of the dead-letter queue resource
 */
public record TemplateQueue(String resource, Duration visibilityTimeout, int maxReceiveCount, String deadLetterQueue) {

    /** The logical id of the (bulk) action queue in {@code template.yaml}. */
    public static final String ACTIONS = "ActionQueue";
    /** The logical id of the urgent action queue. */
    public static final String URGENT_ACTIONS = "UrgentActionQueue";

    public static TemplateQueue of(TemplateResources resources, String resource) {
        JsonNode properties = resources.properties(resource, "AWS::SQS::Queue");
        JsonNode redrive = properties.path("RedrivePolicy");
        // !GetAtt ActionDeadLetterQueue.Arn reads as its argument
        String deadLetter = redrive.path("deadLetterTargetArn").asText().replaceFirst("\\.Arn$", "");
        if (!resources.has(deadLetter, "AWS::SQS::Queue") || !redrive.path("maxReceiveCount").canConvertToInt()) {
            throw new IllegalStateException(resource + " in " + resources + " has no RedrivePolicy to a queue of the template");
        }
        return new TemplateQueue(resource, Duration.ofSeconds(properties.path("VisibilityTimeout").asLong(30)),
                redrive.path("maxReceiveCount").asInt(), deadLetter);
    }

    /** The action queue of the template at the repository root. */
    public static TemplateQueue actionsFromRepository() {
        return of(TemplateResources.fromRepository(), ACTIONS);
    }

    /** The urgent action queue of the template at the repository root. */
    public static TemplateQueue urgentActionsFromRepository() {
        return of(TemplateResources.fromRepository(), URGENT_ACTIONS);
    }

    /** The same queue with a shorter visibility timeout: for tests that cannot wait minutes for a redelivery. */
    public TemplateQueue withVisibilityTimeout(Duration timeout) {
        return new TemplateQueue(resource, timeout, maxReceiveCount, deadLetterQueue);
    }
}
