package io.aftercare.migrate;

import io.aftercare.domain.metrics.WeeklySummaries;
import io.aftercare.dynamodb.DynamoActionStore;
import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The upgrade to weekly summaries: a shop's first summary is written when the shop is registered or its settings
 * saved, so shops registered before the release would wait for their next settings change. This writes every shop's
 * next one. Idempotent (a summary already written is left alone) and safe while the functions run.
 *
 * <p>{@code java -cp infrastructure/migrate/target/aftercare-migrate.jar io.aftercare.migrate.WeeklySummaryMigration
 * <table> [due shards]} on a JDK 21+, with the deployment's {@code DueShards} (default 4): the sweep reads the partitions of the due
 * index the deployment has used, so an action written for more might not be found.
 */
public final class WeeklySummaryMigration {

    private WeeklySummaryMigration() {
    }

    /** @return the shops whose next summary was written now */
    public static int run(DynamoDbClient dynamo, String table, int dueShards, Clock clock) {
        var actions = new DynamoActionStore(dynamo, table, dueShards);
        Instant now = clock.instant();
        return EveryShop.sum(dynamo, table, shop -> actions.schedule(shop.id(), WeeklySummaries.next(shop.id(), shop.settings().timeZone(), now), now) ? 1 : 0);
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: WeeklySummaryMigration <table> [due shards]");
            System.exit(2);
        }
        int dueShards = args.length == 2 ? Integer.parseInt(args[1]) : DynamoActionStore.DEFAULT_DUE_SHARDS;
        try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            System.out.printf("%d shops given their next weekly summary%n", run(dynamo, args[0], dueShards, Clock.systemUTC()));
        }
    }
}
