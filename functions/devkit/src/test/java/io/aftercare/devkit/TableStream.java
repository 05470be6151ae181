package io.aftercare.devkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose {@link TestTable} keeps the template's stream, because the test reads it (the metrics
 * aggregator). Other classes get the table without it: DynamoDB Local describes a table's stream on every request by
 * reading all the stream records the test JVM has written, so each class's stream slowed every later class's requests.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TableStream {
}
