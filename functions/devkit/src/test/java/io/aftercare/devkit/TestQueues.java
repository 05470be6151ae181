package io.aftercare.devkit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ElasticMQ per test JVM (started on first use, stopped when the JVM ends), and for each caller an action queue
 * and DLQ of its own, made as {@code template.yaml} declares them, so that tests sharing the server stay apart.
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

    /** A fresh action queue pair on the shared server. */
    public static LocalSqs.Queues actions() {
        return sqs().create(TemplateQueue.actionsFromRepository(), "aftercare-test-actions-" + QUEUES.incrementAndGet());
    }
}
