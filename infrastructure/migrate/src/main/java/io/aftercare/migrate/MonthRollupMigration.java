package io.aftercare.migrate;

import io.aftercare.dynamodb.DynamoMetricsStore;
import java.time.Clock;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The upgrade to month rollups ({@code MONTH#} items beside the days): every shop that already kept days reads the
 * months those days are in from the days, since no rollup holds them ({@link DynamoMetricsStore#markDaysBeforeRollups}).
 * Run it before deploying the aggregator that writes rollups; idempotent (a second run moves nothing).
 *
 * <p>{@code java -cp infrastructure/migrate/target/aftercare-migrate.jar io.aftercare.migrate.MonthRollupMigration <table>}
 * on a JDK 21+.
 */
public final class MonthRollupMigration {

    private MonthRollupMigration() {
    }

    /** @return the shops that kept days */
    public static int run(DynamoDbClient dynamo, String table, Clock clock) {
        var metrics = new DynamoMetricsStore(dynamo, table, clock);
        return EveryShop.sum(dynamo, table, shop -> metrics.markDaysBeforeRollups(shop.id()) ? 1 : 0);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: MonthRollupMigration <table>");
            System.exit(2);
        }
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            System.out.printf("%d shops read their earlier months from their days%n", run(dynamo, args[0], Clock.systemUTC()));
        }
    }
}
