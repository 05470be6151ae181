package io.aftercare.local;

import io.aftercare.devkit.LocalDynamoDb;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.TemplateTable;
import io.aftercare.lambda.Aftercare;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Aftercare on localhost: DynamoDB Local (its data kept under a local folder across restarts), the table from
 * {@code template.yaml}, and the template's HTTP routes served by the Lambda handler classes.
 */
public final class LocalAftercare implements AutoCloseable {

    public static final String TABLE = "aftercare-local";

    /**
     * @param port the HTTP port (0 for any free one)
     * @param dataDir where DynamoDB Local keeps its data; empty for an in-memory run that forgets everything
     */
    public record Settings(int port, Optional<Path> dataDir, Optional<String> adminToken, Clock clock) {
    }

    private final LocalDynamoDb dynamoDb;
    private final LocalHttpApi api;
    private final Aftercare app;
    private final String adminToken;

    private LocalAftercare(LocalDynamoDb dynamoDb, LocalHttpApi api, Aftercare app, String adminToken) {
        this.dynamoDb = dynamoDb;
        this.api = api;
        this.app = app;
        this.adminToken = adminToken;
    }

    public static LocalAftercare start(Settings settings) {
        Path root = RepositoryRoot.find();
        LocalDynamoDb dynamoDb = settings.dataDir()
                .map(dir -> LocalDynamoDb.persistent(LocalDynamoDb.freePort(), dir))
                .orElseGet(LocalDynamoDb::inMemory);
        try {
            var dynamo = dynamoDb.client();
            TemplateTable.read(root.resolve("template.yaml")).createIfAbsent(dynamo, TABLE);
            String token = settings.adminToken().orElseGet(() -> adminToken(settings.dataDir()));
            Aftercare app = Aftercare.create(dynamo, TABLE, token, settings.clock());
            var api = new LocalHttpApi(settings.port(), TemplateRoutes.read(root.resolve("template.yaml")), app);
            return new LocalAftercare(dynamoDb, api, app, token);
        } catch (IOException | RuntimeException e) {
            dynamoDb.close(); // its server threads would keep the JVM alive
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** A token kept beside the data, so it survives restarts; a fresh random one for in-memory runs. */
    private static String adminToken(Optional<Path> dataDir) {
        String fresh = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        if (dataDir.isEmpty()) {
            return fresh;
        }
        Path file = dataDir.get().resolve("admin-token");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, fresh);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the admin token in " + file, e);
        }
    }

    public URI baseUri() {
        return api.baseUri();
    }

    public String adminToken() {
        return adminToken;
    }

    public Aftercare app() {
        return app;
    }

    public LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    @Override
    public void close() {
        api.close();
        dynamoDb.close();
    }
}
