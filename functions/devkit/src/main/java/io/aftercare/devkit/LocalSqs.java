package io.aftercare.devkit;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS-compatible server (ElasticMQ, in this JVM, on loopback) reached with the AWS SDK's own SQS client, holding
 * queues made as {@code template.yaml} declares them: visibility, redelivery and redrive behave as in AWS. The local
 * runner starts one for its action queues; the tests share one per JVM, queues of their own each.
 */
public final class LocalSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final SqsClient client;

    private LocalSqs(SQSRestServer server, SqsClient client) {
        this.server = server;
        this.client = client;
    }

    /** A queue and the dead-letter queue its redrive policy moves messages to. */
    public record Queues(String url, String deadLetterUrl) {
    }

    /** The urgent and the bulk action queue, each with its dead-letter queue. */
    public record ActionQueues(Queues urgent, Queues bulk) {

        /** In the order a worker takes them: urgent first. */
        public List<String> urls() {
            return List.of(urgent.url(), bulk.url());
        }
    }

    public static LocalSqs start() {
        return start(new ExecutionInterceptor[0]);
    }

    /** @param watch interceptors on the client every user of this server shares (benchmarks count its requests) */
    public static LocalSqs start(ExecutionInterceptor... watch) {
        // Whoever starts it closes it: Pekko's own JVM hook would warn, racing that close, and its threads must not
        // hold a JVM open (a test run's). Its start-up news is noise here.
        System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        System.setProperty("pekko.daemonic", "on");
        System.setProperty("pekko.loglevel", "WARNING");
        Configurator.setLevel("org.elasticmq", Level.WARN);
        Configurator.setLevel("org.apache.pekko", Level.WARN);
        int port = Ports.free();
        SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1").start();
        try {
            server.waitUntilStarted();
            SqsClient client = LocalClients.local(SqsClient.builder(), URI.create("http://127.0.0.1:" + port), watch).build();
            return new LocalSqs(server, client);
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw e;
        }
    }

    /** Creates {@code name} with the template queue's visibility timeout and redrive policy, and its DLQ {@code name-dlq}. */
    public Queues create(TemplateQueue queue, String name) {
        String deadLetterUrl = client.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String deadLetterArn = client.getQueueAttributes(b -> b.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = client.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(queue.visibilityTimeout().toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\""
                        + queue.maxReceiveCount() + "\"}"))).queueUrl();
        return new Queues(url, deadLetterUrl);
    }

    /** Both action queues as the template declares them: {@code name} for bulk actions, {@code name-urgent} for urgent ones. */
    public ActionQueues create(TemplateQueue urgent, TemplateQueue bulk, String name) {
        return new ActionQueues(create(urgent, name + "-urgent"), create(bulk, name));
    }

    public SqsClient client() {
        return client;
    }

    /** Messages in a queue, visible or not (SQS's approximate counts, exact here). */
    public int messagesIn(String url) {
        var attributes = client.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
