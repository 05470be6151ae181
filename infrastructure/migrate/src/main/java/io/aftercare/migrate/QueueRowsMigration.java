package io.aftercare.migrate;

import io.aftercare.dynamodb.DynamoTicketStore;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Gives every shop's open and pending tickets stored before the queue's views their queue rows, so that they show in
 * {@code mine}, {@code unassigned}, {@code pending} and {@code breached} (the whole queue and {@code breaching} need
 * none). Idempotent, and safe while the functions run: a ticket changed meanwhile wrote its own rows.
 *
 * <p>{@code java -cp infrastructure/migrate/target/aftercare-migrate.jar io.aftercare.migrate.QueueRowsMigration <table>}
 * on a JDK 21+.
 */
public final class QueueRowsMigration {

    private QueueRowsMigration() {
    }

    /** @return the tickets given their rows */
    public static int run(DynamoDbClient dynamo, String table) {
        var tickets = new DynamoTicketStore(dynamo, table);
        return EveryShop.sum(dynamo, table, shop -> tickets.writeQueueRows(shop.id()));
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: QueueRowsMigration <table>");
            System.exit(2);
        }
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            System.out.printf("%d open or pending tickets given their queue rows%n", run(dynamo, args[0]));
        }
    }
}
