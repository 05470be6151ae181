package io.aftercare.migrate;

import io.aftercare.dynamodb.SearchBackfill;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fills the search partition of every shop for the customers, orders and tickets recorded before search existed, so
 * the console finds them by email, name, order number or ticket number. Idempotent (each term is put as its own write
 * puts it) and safe while the functions run; resumable: after each page it prints where the next begins, and
 * {@code --from <PK> <SK>} starts there.
 *
 * <p>{@code java -cp infrastructure/migrate/target/aftercare-migrate.jar io.aftercare.migrate.SearchIndexMigration <table> [--from <PK> <SK>]}
 * on a JDK 21+.
 */
public final class SearchIndexMigration {

    /** Items read per page of the scan. */
    static final int PAGE = 200;

    private SearchIndexMigration() {
    }

    /**
     * Scans the table a page at a time (a one-off operator's job: nothing deployed scans) and gives each page's
     * customers, orders and tickets their terms.
     */
    public static SearchBackfill.Indexed run(DynamoDbClient dynamo, String table, Optional<Map<String, AttributeValue>> from, int pageSize, PrintStream progress) {
        var backfill = new SearchBackfill(dynamo, table);
        var total = new SearchBackfill.Indexed(0, 0, 0);
        Optional<Map<String, AttributeValue>> next = from;
        do {
            Optional<Map<String, AttributeValue>> start = next;
            var page = dynamo.scan(b -> {
                b.tableName(table).limit(pageSize);
                start.ifPresent(b::exclusiveStartKey);
            });
            total = total.plus(backfill.index(page.items()));
            next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? Optional.of(page.lastEvaluatedKey()) : Optional.empty();
            next.ifPresent(key -> progress.printf("next page: --from %s %s%n", key.get("PK").s(), key.get("SK").s()));
        } while (next.isPresent());
        return total;
    }

    public static void main(String[] args) {
        if (args.length != 1 && !(args.length == 4 && args[1].equals("--from"))) {
            System.err.println("usage: SearchIndexMigration <table> [--from <PK> <SK>]");
            System.exit(2);
        }
        Optional<Map<String, AttributeValue>> from = args.length == 4
                ? Optional.of(Map.of("PK", AttributeValue.fromS(args[2]), "SK", AttributeValue.fromS(args[3]))) : Optional.empty();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            var counts = run(dynamo, args[0], from, PAGE, System.out);
            System.out.printf("search terms written for %d customers, %d orders and %d tickets%n", counts.customers(), counts.orders(), counts.tickets());
        }
    }
}
