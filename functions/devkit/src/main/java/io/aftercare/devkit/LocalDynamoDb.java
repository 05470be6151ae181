package io.aftercare.devkit;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local running inside this JVM, listening on a loopback port so that the real SDK client (with its
 * interceptors) talks to it over HTTP, exactly as the Lambdas talk to DynamoDB.
 */
public final class LocalDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalDynamoDb(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** In memory, on a free port: for tests. */
    public static LocalDynamoDb inMemory() {
        return start(Ports.free(), null);
    }

    /** Kept in {@code dataDir} across restarts: for the local runner. */
    public static LocalDynamoDb persistent(int port, Path dataDir) {
        PrivateFiles.directory(dataDir);
        // the file -sharedDb opens; SQLite gives its journals the same permissions
        PrivateFiles.createIfAbsent(dataDir.resolve("shared-local-instance.db"), new byte[0]);
        return start(port, dataDir);
    }

    private static LocalDynamoDb start(int port, Path dataDir) {
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            args.addAll(List.of("-sharedDb", "-dbPath", dataDir.toAbsolutePath().toString()));
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new LocalDynamoDb(server, URI.create("http://127.0.0.1:" + port));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return LocalClients.local(DynamoDbClient.builder(), endpoint, interceptors).build();
    }

    /** The table streams' API, as Lambda's event source mapping reads it. */
    public DynamoDbStreamsClient streamsClient() {
        return LocalClients.local(DynamoDbStreamsClient.builder(), endpoint).build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
