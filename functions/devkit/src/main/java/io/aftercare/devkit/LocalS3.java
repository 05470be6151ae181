package io.aftercare.devkit;

import com.robothy.s3.rest.bootstrap.LocalS3Mode;
import java.net.URI;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An S3-compatible server ({@code io.github.robothy:local-s3-rest}, in this JVM, in memory) reached with the AWS SDK's
 * own S3 client and presigner, path-style: the inbound bucket of the tests and the local runner. It listens on every
 * interface (the library binds no single address), so it holds only what the local runner received.
 */
public final class LocalS3 implements AutoCloseable {

    private final com.robothy.s3.rest.LocalS3 server;
    private final URI endpoint;
    private final S3Client client;

    private LocalS3(com.robothy.s3.rest.LocalS3 server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = LocalClients.local(S3Client.builder(), endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** Starts the server on a free loopback port with {@code bucket} made. */
    public static LocalS3 start(String bucket) {
        // it logs every missing key (S3's 404, which the callers handle) as an ERROR with a stack trace
        Configurator.setLevel("com.robothy", Level.OFF);
        // local-s3 leaves some request buffers to the garbage collector: Netty's leak detector would report each as an ERROR
        System.setProperty("io.netty.leakDetection.level", "disabled");
        int port = Ports.free();
        var server = com.robothy.s3.rest.LocalS3.builder().port(port).mode(LocalS3Mode.IN_MEMORY)
                .nettyParentEventGroupThreadNum(1).nettyChildEventGroupThreadNum(2).s3ExecutorThreadNum(2).build();
        server.start();
        var s3 = new LocalS3(server, URI.create("http://127.0.0.1:" + port));
        try {
            s3.client.createBucket(b -> b.bucket(bucket));
            return s3;
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    public S3Client client() {
        return client;
    }

    /** A presigner for links to this server (links that open in a browser on this machine). */
    public S3Presigner presigner() {
        return S3Presigner.builder().endpointOverride(endpoint).region(LocalClients.REGION).credentialsProvider(LocalClients.CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
