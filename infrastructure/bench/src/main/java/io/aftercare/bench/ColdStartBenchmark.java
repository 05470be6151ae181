package io.aftercare.bench;

import io.aftercare.devkit.LocalDynamoDb;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.devkit.TemplateTable;
import io.aftercare.devkit.WebhookSigner;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Branding;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Platform;
import io.aftercare.domain.shop.Secret;
import io.aftercare.domain.shop.ShopSettings;
import io.aftercare.domain.shop.SupportSettings;
import io.aftercare.lambda.Aftercare;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook function's cold start: a fresh JVM on the shaded Lambda jar until its first webhook is recorded in
 * DynamoDB Local, against a fresh JVM that only builds the same DynamoDB client, alternating runs in one session.
 */
final class ColdStartBenchmark {

    /**
     * @param firstRequestMs the first request's own time in a fresh JVM, after its handler was built (Lambda's init)
     * @param primedRequestMs the same after priming: what a function restored from a primed SnapStart snapshot has left
     */
    record Result(int runs, long webhookMedianMs, long clientMedianMs, long firstRequestMs, long primedRequestMs, long jarBytes) {
        double ratio() {
            return webhookMedianMs / (double) clientMedianMs;
        }
    }

    private static final Pattern MEASURED = Pattern.compile("COLD_START_MS=(\\d+) REQUEST_MS=(\\d+) RESULT=(\\S+)");
    private static final String SECRET = "cold-start-secret-0123456789";

    private final int runs;

    ColdStartBenchmark(int runs) {
        this.runs = runs;
    }

    Result run() throws Exception {
        Path root = RepositoryRoot.find();
        Path jar = root.resolve("functions/lambda/target/aftercare-lambda.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn package)");
        }
        Path probeClasses = probeClassesAlone();
        try (var dynamoDb = LocalDynamoDb.inMemory()) {
            String table = "aftercare-cold";
            var client = dynamoDb.client();
            TemplateTable.fromRepository().createIfAbsent(client, table);
            Aftercare.builder().dynamo(client, table).build().shops().register(new ShopId("cold-shop"), new ShopSettings(Platform.GENERIC,
                    "Cold", new EmailAddress("hello@cold.example"), new EmailAddress("hello@cold.example"), Language.EN, ZoneOffset.UTC,
                    ShopSettings.DEFAULT_CHECK_IN_DELAY, ShopSettings.DEFAULT_SURVEY_DELAY, ShopSettings.DEFAULT_TRANSIT_ESTIMATE,
                    Optional.empty(), Branding.DEFAULT, SupportSettings.defaults()), new Secret(SECRET));
            Map<String, String> env = new HashMap<>();
            env.put("AFTERCARE_TABLE", table);
            env.put("AWS_REGION", "eu-central-1");
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
            env.put("AFTERCARE_LOG_LEVEL", "WARN");
            List<Long> webhook = new ArrayList<>();
            List<Long> clientOnly = new ArrayList<>();
            List<Long> firstRequest = new ArrayList<>();
            List<Long> primedRequest = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String body = "{\"schema\":\"aftercare.webhook.v1\",\"id\":\"cold-" + i + "-" + System.nanoTime() + "\",\"type\":\"order.created\","
                        + "\"occurred_at\":\"" + Instant.now() + "\",\"data\":{\"id\":\"C" + i + "\",\"created_at\":\"" + Instant.now()
                        + "\",\"currency\":\"EUR\",\"total\":\"1.00\",\"customer\":{\"email\":\"cold@example.com\"},\"lines\":[]}}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                String signature = WebhookSigner.generic(SECRET, bytes).get("X-Aftercare-Signature");
                long[] cold = probe(jar, probeClasses, env, "200", "webhook", "cold-shop", signature, Base64.getEncoder().encodeToString(bytes));
                webhook.add(cold[0]);
                firstRequest.add(cold[1]);
                clientOnly.add(probe(jar, probeClasses, env, "dynamodb", "client")[0]);
                String primedBody = body.replace("\"id\":\"cold-", "\"id\":\"primed-").replace("\"C" + i + "\"", "\"P" + i + "\"");
                byte[] primedBytes = primedBody.getBytes(StandardCharsets.UTF_8);
                primedRequest.add(probe(jar, probeClasses, env, "200", "webhook-primed", "cold-shop",
                        WebhookSigner.generic(SECRET, primedBytes).get("X-Aftercare-Signature"), Base64.getEncoder().encodeToString(primedBytes))[1]);
            }
            return new Result(runs, median(webhook), median(clientOnly), median(firstRequest), median(primedRequest), Files.size(jar));
        }
    }

    /**
     * The probe's class without the bench jar around it: that jar's manifest puts every library of the benchmarks
     * (Scala, Netty, DynamoDB Local) on the class path of a JVM that names it, and a Lambda's has none of them (the
     * SDK's user agent, for one, looks for Scala and starts it when found).
     */
    private static Path probeClassesAlone() throws Exception {
        Path location = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return location;
        }
        Path jar = Files.createTempFile("cold-start-probe", ".jar");
        jar.toFile().deleteOnExit();
        String entry = ColdStartProbe.class.getName().replace('.', '/') + ".class";
        try (var out = new JarOutputStream(Files.newOutputStream(jar)); InputStream in = ColdStartProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        return jar;
    }

    /** @return how long the JVM had been up when the request was done, and the request's own time, in ms */
    private static long[] probe(Path jar, Path probeClasses, Map<String, String> env, String expected, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1")); // as template.yaml's JAVA_TOOL_OPTIONS
        // -Dcold-start.jvm="-Xlog:class+load:file=..." looks inside a run: what loads before and during the first request
        String extra = System.getProperty("cold-start.jvm", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + probeClasses, ColdStartProbe.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher m = MEASURED.matcher(output);
        if (!m.find() || !m.group(3).equals(expected)) {
            throw new IllegalStateException("the probe " + args[0] + " did not finish as expected:\n" + output);
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
