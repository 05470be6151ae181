package io.aftercare.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.CustomerContact;
import io.aftercare.domain.shop.Priority;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.lambda.AgentApiHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The agents' queue read through the agent API's handler (routing, the admin token's check, the shop, the query, the
 * JSON) in a shop with many open tickets against one with a few, on the same DynamoDB Local, the requests of both
 * alternating so that they share JIT state and load: a view reads one page, so the size of the shop must not show.
 */
final class QueueBenchmark {

    static final String SMALL_SHOP = "bench-small-shop";
    static final int SMALL = 10;
    static final List<String> VIEWS = List.of("all", "unassigned", "breaching");
    /** Opened through the service in the large shop; the rest are copies of them. */
    private static final int OPENED = 30;
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    /** One view's latencies in the large and the small shop, and the queue items each request read. */
    record Run(String view, int limit, int large, Percentiles largeMs, Percentiles smallMs, double itemsPerLargeRequest, double itemsPerSmallRequest) {
        double ratioP50() {
            return largeMs.p50() / smallMs.p50();
        }

        double ratioP99() {
            return largeMs.p99() / smallMs.p99();
        }
    }

    private final int large;
    private final int requests;
    private final int limit;

    QueueBenchmark(int large, int requests, int limit) {
        this.large = large;
        this.requests = requests;
        this.limit = limit;
    }

    List<Run> run() throws Exception {
        var itemsRead = new AtomicLong();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest) {
                    itemsRead.addAndGet(((QueryResponse) context.response()).count());
                }
            }
        };
        try (var rig = new Rig(NOW, counter)) {
            Rig.registerShop(rig.app, SMALL_SHOP);
            open(rig, SMALL_SHOP, SMALL, false);
            open(rig, Rig.SHOP, OPENED, true);
            copy(rig, large - OPENED);
            var handler = new AgentApiHandler(rig.app);
            List<Run> runs = new ArrayList<>();
            for (String view : VIEWS) {
                for (int i = 0; i < Math.max(50, requests / 5); i++) { // untimed: class loading and JIT
                    get(handler, Rig.SHOP, view);
                    get(handler, SMALL_SHOP, view);
                }
                long[] largeNanos = new long[requests];
                long[] smallNanos = new long[requests];
                long largeItems = 0;
                long smallItems = 0;
                for (int i = 0; i < requests; i++) {
                    itemsRead.set(0);
                    largeNanos[i] = get(handler, Rig.SHOP, view);
                    largeItems += itemsRead.getAndSet(0);
                    smallNanos[i] = get(handler, SMALL_SHOP, view);
                    smallItems += itemsRead.get();
                }
                runs.add(new Run(view, limit, large, Percentiles.of(largeNanos), Percentiles.of(smallNanos),
                        (double) largeItems / requests, (double) smallItems / requests));
            }
            return runs;
        }
    }

    /**
     * Urgent tickets (counted around the clock, so all due within the hour: the {@code breaching} view holds a page of
     * them), one opened every second so that their deadlines differ; in the large shop every third is assigned.
     */
    private static void open(Rig rig, String shop, int count, boolean assignSome) {
        var tickets = rig.app.tickets();
        var id = new ShopId(shop);
        rig.clock.set(NOW);
        for (int i = 0; i < count; i++) {
            var ticket = tickets.open(id, new TicketService.NewTicket(new CustomerContact(new EmailAddress("c" + i + "@bench.example"),
                    Optional.of("Customer " + i), Optional.of("en")), "Parcel " + i, "Where is parcel " + i + "?", Optional.empty(),
                    Optional.of(Priority.URGENT), false, Optional.empty()), Optional.empty());
            if (assignSome && i % 3 == 0) {
                tickets.change(id, ticket.id(), ticket.version(), new TicketService.Changes(Optional.empty(), Optional.empty(),
                        Optional.of(Optional.of(new EmailAddress("agent@bench.example")))), "bench");
            }
            rig.clock.advance(Duration.ofSeconds(1));
        }
        rig.clock.set(NOW.plus(Duration.ofSeconds(count)));
    }

    /**
     * The large shop's other tickets: copies, under new ids, of the items its opened tickets stored for the queue (each
     * ticket and its queue rows), written in batches; opening 10,000 one by one through the service takes this shared
     * machine most of an hour, and the queue reads nothing else of a ticket.
     */
    private static void copy(Rig rig, int count) {
        List<Map<String, AttributeValue>> stored = rig.dynamo.scanPaginator(b -> b.tableName("bench")).items().stream()
                .filter(item -> item.get("PK").s().startsWith("SHOP#" + Rig.SHOP + "#TICKET#") && item.containsKey("GSI1PK") && item.containsKey("ticketId")).toList();
        Iterator<Map<String, AttributeValue>> copies = IntStream.range(0, count).boxed().flatMap(n -> {
            var source = stored.get(n % stored.size());
            String id = source.get("ticketId").s();
            return stored.stream().filter(item -> item.get("ticketId").s().equals(id)).map(item -> {
                Map<String, AttributeValue> copy = new HashMap<>();
                item.forEach((name, value) -> copy.put(name, value.s() != null && value.s().contains(id)
                        ? AttributeValue.fromS(value.s().replace(id, id + "-copy-" + n)) : value));
                return copy;
            });
        }).iterator();
        BatchWrites.put(rig.dynamo, "bench", copies);
    }

    private long get(AgentApiHandler handler, String shop, String view) {
        var event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /api/shops/{shop}/tickets").withPathParameters(Map.of("shop", shop))
                .withQueryStringParameters(Map.of("view", view, "limit", String.valueOf(limit)))
                .withHeaders(Map.of("authorization", "Bearer " + Rig.ADMIN_TOKEN)).build();
        long start = System.nanoTime();
        int status = handler.handleRequest(event, null).getStatusCode();
        long took = System.nanoTime() - start;
        if (status != 200) {
            throw new IllegalStateException("the queue answered " + status);
        }
        return took;
    }
}
