package io.aftercare.local;

import io.aftercare.devkit.LocalDynamoDb;
import io.aftercare.devkit.TemplateQueue;
import java.net.URI;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS-compatible server (ElasticMQ, in this JVM, on loopback) holding the action queue and its dead-letter queue
 * as {@code template.yaml} declares them, reached with the AWS SDK's own SQS client: visibility, redelivery and
 * redrive behave as in AWS.
 */
public final class LocalSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final SqsClient client;
    private final String queueUrl;
    private final String deadLetterQueueUrl;

    private LocalSqs(SQSRestServer server, SqsClient client, String queueUrl, String deadLetterQueueUrl) {
        this.server = server;
        this.client = client;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    public static LocalSqs start(TemplateQueue queue, String name) {
        // The runner closes the server itself (Pekko's own JVM hook would warn, racing it); its start-up news is noise here.
        System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        System.setProperty("pekko.loglevel", "WARNING");
        Configurator.setLevel("org.elasticmq", Level.WARN);
        Configurator.setLevel("org.apache.pekko", Level.WARN);
        int port = LocalDynamoDb.freePort();
        SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1").start();
        try {
            server.waitUntilStarted();
            SqsClient client = SqsClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + port))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            String deadLetterUrl = client.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
            String deadLetterArn = client.getQueueAttributes(b -> b.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String url = client.createQueue(b -> b.queueName(name).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(queue.visibilityTimeout().toSeconds()),
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\""
                            + queue.maxReceiveCount() + "\"}"))).queueUrl();
            return new LocalSqs(server, client, url, deadLetterUrl);
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw e;
        }
    }

    public SqsClient client() {
        return client;
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
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
