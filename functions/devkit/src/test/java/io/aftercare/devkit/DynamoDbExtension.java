package io.aftercare.devkit;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5 extension: one DynamoDB Local per test JVM (started on first use, stopped when the test run ends), and a
 * fresh table from {@code template.yaml} for each test class that asks for a {@link TestTable}, with the table's stream
 * only for a class marked {@link TableStream}.
 */
public final class DynamoDbExtension implements ParameterResolver {

    private static final AtomicInteger TABLES = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestTable.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        var store = context.getRoot().getStore(ExtensionContext.Namespace.create(DynamoDbExtension.class));
        var local = store.getOrComputeIfAbsent("dynamodb-local", key -> new Running(LocalDynamoDb.inMemory()), Running.class).local;
        String name = "aftercare-test-" + TABLES.incrementAndGet();
        DynamoDbClient client = local.client();
        boolean readsTheStream = context.getTestClass().filter(test -> test.isAnnotationPresent(TableStream.class)).isPresent();
        TemplateTable.fromRepository().createIfAbsent(client, name, readsTheStream);
        return new TestTable(local, client, name);
    }

    /** Closed by JUnit when the whole test run ends. */
    private record Running(LocalDynamoDb local) implements AutoCloseable {
        @Override
        public void close() {
            local.close();
        }
    }
}
