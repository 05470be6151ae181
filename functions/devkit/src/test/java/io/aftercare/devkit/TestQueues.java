package io.aftercare.devkit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ElasticMQ per test JVM (started on first use, stopped when the JVM ends), and for each caller action queues
 * and DLQs of its own, made as {@code template.yaml} declares them, so that tests sharing the server stay apart.
 */
public final class TestQueues {

    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static LocalSqs sqs;

    private TestQueues() {
    }

    public static synchronized LocalSqs sqs() {
        if (sqs == null) {
            sqs = LocalSqs.start();
            Runtime.getRuntime().addShutdownHook(new Thread(sqs::close, "local-sqs-stop"));
        }
        return sqs;
    }

    /** Fresh action queues (urgent and bulk, each with its DLQ) on the shared server. */
    public static LocalSqs.ActionQueues actions() {
        return sqs().create(TemplateQueue.urgentActionsFromRepository(), TemplateQueue.actionsFromRepository(),
                "aftercare-test-actions-" + QUEUES.incrementAndGet());
    }
}
