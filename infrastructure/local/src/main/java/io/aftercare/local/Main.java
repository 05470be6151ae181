package io.aftercare.local;

import io.aftercare.devkit.RepositoryRoot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar aftercare-local.jar [serve]}: runs Aftercare on http://127.0.0.1:3000 with its data in
 * {@code .aftercare-data/}. {@code java -jar aftercare-local.jar send-samples}: sends the sample webhooks to it.
 * Port and data folder: {@code AFTERCARE_PORT}, {@code AFTERCARE_DATA}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        useBundledSqliteLibrary();
        Path root = RepositoryRoot.find();
        int port = Integer.parseInt(Optional.ofNullable(System.getenv("AFTERCARE_PORT")).orElse("3000"));
        Path data = Path.of(Optional.ofNullable(System.getenv("AFTERCARE_DATA")).orElse(root.resolve(".aftercare-data").toString()));
        String command = args.length == 0 ? "serve" : args[0];
        switch (command) {
            case "serve" -> serve(port, data);
            case "send-samples" -> new SampleSender(URI.create("http://127.0.0.1:" + port), Files.readString(data.resolve("admin-token")).trim(),
                    Clock.systemUTC(), System.out).sendAll(root.resolve("infrastructure/events/webhooks"));
            default -> {
                System.err.println("usage: aftercare-local.jar [serve | send-samples]");
                System.exit(2);
            }
        }
    }

    /** DynamoDB Local's native library, which the build copies beside this jar. */
    private static void useBundledSqliteLibrary() throws Exception {
        if (System.getProperty("sqlite4java.library.path") == null) {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            System.setProperty("sqlite4java.library.path", jar.resolveSibling("native-libs").toString());
        }
    }

    private static void serve(int port, Path data) throws InterruptedException {
        var local = LocalAftercare.start(new LocalAftercare.Settings(port, Optional.of(data), Optional.empty(), Clock.systemUTC()));
        Runtime.getRuntime().addShutdownHook(new Thread(local::close));
        boolean fresh = DemoShops.registerIfAbsent(local.app().shops());
        System.out.printf("""

                Aftercare is running at %1$s  (data: %2$s)
                  admin token:    %3$s
                  demo shops:     demo-shopify, demo-woocommerce, demo-generic%4$s
                  webhook secret: %5$s

                Send the sample webhooks (signed like each platform signs them) and see the timelines:
                  java -jar infrastructure/local/target/aftercare-local.jar send-samples
                Read one back:
                  curl -H "Authorization: Bearer %3$s" %1$s/api/shops/demo-shopify/orders/<order id>/timeline

                """, local.baseUri(), data, local.adminToken(), fresh ? " (registered now)" : "", DemoShops.SECRET);
        new CountDownLatch(1).await();
    }
}
