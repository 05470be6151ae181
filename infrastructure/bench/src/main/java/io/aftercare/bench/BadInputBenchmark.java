package io.aftercare.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.devkit.AdjustableClock;
import io.aftercare.devkit.Fixtures;
import io.aftercare.devkit.HostileTemplates;
import io.aftercare.devkit.Mutations;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.local.LocalAftercare;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Hostile input over HTTP at volume: the platforms' own payloads mutated in every way {@link Mutations} knows, each
 * signed as sent (so it reaches the parser) and posted with an arbitrary content type, one at a time so that every
 * DynamoDB write is attributed to its request. Counted: server errors, and writes made for a rejected request. Then
 * hostile admin input, each of which must be refused: shop template overrides ({@link HostileTemplates}) and chat
 * webhook URLs aimed at internal addresses, also counting any that got through.
 */
final class BadInputBenchmark {

    /** @param admin the hostile admin inputs, one row per kind */
    record Result(int inputs, int serverErrors, int strayWrites, Map<Integer, Integer> statuses, List<Refusals> admin) {
    }

    /** @param accepted answered 2xx: a hostile input that got through */
    record Refusals(String what, int tried, int refused, int accepted, int serverErrors, int strayWrites) {

        Refusals add(int status, int writes) {
            boolean rejected = status >= 400;
            return new Refusals(what, tried + 1, refused + (rejected && status < 500 ? 1 : 0), accepted + (status < 300 ? 1 : 0),
                    serverErrors + (status >= 500 ? 1 : 0), strayWrites + (rejected && writes > 0 ? 1 : 0));
        }
    }

    /** Chat webhook URLs that must never be saved: user info tricks, internal hosts and IP forms, other schemes. */
    static final List<String> HOSTILE_CHAT_URLS = List.of(
            "https://hooks.slack.com@169.254.169.254/latest/meta-data/",
            "https://user:pw@hooks.slack.com/services/T000/B000/XXXX",
            "https://hooks.slack.com:443@127.0.0.1/",
            "https://a@b@127.0.0.1/",
            "https://hooks.slack.com%40169.254.169.254/",
            "https://127.0.0.1#@hooks.slack.com/",
            "https://127.0.0.1\\@hooks.slack.com/",
            "https://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "https://169.254.170.2/v2/credentials",
            "https://metadata.google.internal/computeMetadata/v1/",
            "https://10.0.0.1/hooks",
            "https://172.16.0.1/hooks",
            "https://192.168.1.1/hooks",
            "https://100.64.0.1/hooks",
            "https://0.0.0.0/",
            "https://127.0.0.1/",
            "https://127.1/",
            "https://127.0.0.1./",
            "https://localhost/",
            "https://LOCALHOST:8443/",
            "https://localhost./",
            "http://hooks.slack.com/services/T000/B000/XXXX",
            "http://127.0.0.1:8080/",
            "ftp://hooks.slack.com/",
            "gopher://127.0.0.1:6379/_FLUSHALL",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "//hooks.slack.com/services/T000/B000/XXXX",
            "https://[::1]/",
            "https://[::]/",
            "https://[fd00:ec2::254]/latest/meta-data/",
            "https://[fe80::1%25eth0]/",
            "https://[::ffff:169.254.169.254]/",
            "https://[::ffff:7f00:1]/",
            "https://[0:0:0:0:0:ffff:127.0.0.1]/",
            "https://[64:ff9b::a9fe:a9fe]/",
            "https://2852039166/",
            "https://0251.0376.0251.0376/",
            "https://0xa9fea9fe/",
            "https://0xa9.0xfe.0xa9.0xfe/",
            "https://017700000001/",
            "https://0x7f.1/",
            "https://127.0.0.01/",
            "https://localhost.attacker.example/hooks",
            "https://127.0.0.1.nip.io/hooks",
            "https://169.254.169.254.nip.io/latest/meta-data/",
            "https://localtest.me/hooks",
            "https://hooks.slack.com/services/T000/B000/XXXX\r\nHost: 127.0.0.1",
            "https://" + "a".repeat(9000) + ".example/");

    private static final List<String> SHOPIFY = List.of("orders-create.json", "fulfillments-create.json", "refunds-create.json",
            "fulfillment-events-create.json", "customers-create.json");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/x-www-form-urlencoded",
            "application/octet-stream", "application/json; charset=latin1");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "bad-input-admin-token-0123456789";
    private static final String SECRET = "bad-input-webhook-secret-0123";

    Result run(int inputs) throws Exception {
        var writes = new AtomicInteger();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (!(context.request() instanceof GetItemRequest) && !(context.request() instanceof QueryRequest)) {
                    writes.incrementAndGet();
                }
            }
        };
        var settings = LocalAftercare.Settings.ephemeral(TOKEN, new AdjustableClock(Instant.parse("2022-01-01T00:01:00Z"))).watchingDynamoDb(counter);
        try (var local = LocalAftercare.start(settings)) {
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            http.send(admin(local.baseUri().resolve("/admin/shops"), "POST", """
                    {"id": "fuzzed", "platform": "shopify", "webhookSecret": "%s", "brandName": "F", "senderEmail": "f@f.example"}"""
                    .formatted(SECRET)), HttpResponse.BodyHandlers.discarding());
            var random = new SplittableRandom(2026);
            int serverErrors = 0;
            int stray = 0;
            Map<Integer, Integer> statuses = new TreeMap<>();
            Mutations.Kind[] kinds = Mutations.Kind.values();
            for (int i = 0; i < inputs; i++) {
                String fixture = SHOPIFY.get(random.nextInt(SHOPIFY.size()));
                byte[] body = Mutations.mutate(Fixtures.shopify(fixture), kinds[i % kinds.length], random);
                var request = HttpRequest.newBuilder(local.baseUri().resolve("/webhooks/shopify/fuzzed")).POST(HttpRequest.BodyPublishers.ofByteArray(body));
                WebhookSigner.shopify(SECRET, body, "orders/updated", "fuzz-" + i, Instant.EPOCH).forEach((name, value) -> {
                    if (!name.equals("Content-Type")) {
                        request.header(name, value);
                    }
                });
                request.header("Content-Type", CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())));
                writes.set(0);
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                statuses.merge(status, 1, Integer::sum);
                if (status >= 500) {
                    serverErrors++;
                }
                if (status >= 400 && writes.get() > 0) {
                    stray++;
                }
            }
            var templates = new Refusals("template overrides", 0, 0, 0, 0, 0);
            for (var hostile : HostileTemplates.ALL) {
                writes.set(0);
                templates = templates.add(http.send(admin(local.baseUri().resolve("/admin/shops/fuzzed/templates/" + hostile.kind() + "/en"), "PUT",
                        HostileTemplates.json(hostile)), HttpResponse.BodyHandlers.discarding()).statusCode(), writes.get());
            }
            var chat = new Refusals("chat webhook URLs", 0, 0, 0, 0, 0);
            for (String url : HOSTILE_CHAT_URLS) {
                writes.set(0);
                chat = chat.add(http.send(admin(local.baseUri().resolve("/admin/shops/fuzzed"), "PATCH",
                        JSON.writeValueAsString(Map.of("support", Map.of("chatWebhookUrl", url)))), HttpResponse.BodyHandlers.discarding()).statusCode(), writes.get());
            }
            return new Result(inputs, serverErrors, stray, statuses, List.of(templates, chat));
        }
    }

    private static HttpRequest admin(URI uri, String method, String body) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
