package io.aftercare.local;

import io.aftercare.devkit.Ports;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.launcher.Launcher;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar aftercare-local.jar [serve]}: runs Aftercare on http://127.0.0.1:3000 with its data in
 * {@code .aftercare-data/} and the SES emulator on http://127.0.0.1:8005.
 * {@code send-samples}: sends the sample webhooks to a running one. {@code demo}: a self-contained run whose clock
 * fast-forwards, so the thank-you, the survey and the check-in all arrive within about a minute.
 * Environment: {@code AFTERCARE_PORT}, {@code AFTERCARE_SES_PORT}, {@code AFTERCARE_DATA}, {@code AFTERCARE_SWEEP_SECONDS}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        endWithLauncher();
        Path root = RepositoryRoot.find();
        int port = Integer.parseInt(env("AFTERCARE_PORT", "3000"));
        int sesPort = Integer.parseInt(env("AFTERCARE_SES_PORT", "8005"));
        Path data = Path.of(env("AFTERCARE_DATA", root.resolve(".aftercare-data").toString()));
        String command = args.length == 0 ? "serve" : args[0];
        switch (command) {
            case "serve" -> serve(port, sesPort, data, Duration.ofSeconds(Long.parseLong(env("AFTERCARE_SWEEP_SECONDS", "10"))));
            case "send-samples" -> sendSamples(root, port, data);
            case "demo" -> Demo.run(0, 0, System.out);
            default -> {
                System.err.println("usage: aftercare-local.jar [serve | send-samples | demo]");
                System.exit(2);
            }
        }
    }

    /**
     * Started by the launcher in a JVM of its own: exit (running the shutdown hooks that stop the emulator and the
     * servers) when the launcher is gone, even killed with SIGKILL, rather than linger holding the ports.
     */
    private static void endWithLauncher() {
        Optional.ofNullable(System.getProperty(Launcher.PID_PROPERTY)).map(Long::parseLong).flatMap(ProcessHandle::of)
                .ifPresent(launcher -> launcher.onExit().thenRun(() -> System.exit(143)));
    }

    private static void sendSamples(Path root, int port, Path data) throws IOException, InterruptedException {
        URI base = URI.create("http://127.0.0.1:" + port);
        Path tokenFile = data.resolve("admin-token");
        try {
            new SampleSender(base, Files.readString(tokenFile).trim(), Clock.systemUTC(), System.out).sendAll(root.resolve("infrastructure/events/webhooks"));
        } catch (NoSuchFileException | ConnectException notRunning) {
            // the usual first mistake, told plainly rather than as a stack trace
            System.err.printf("No local Aftercare answers at %s with its data in %s. Start it first, in another terminal:%n"
                    + "  java -jar infrastructure/local/target/aftercare-local.jar%n"
                    + "(with the same AFTERCARE_PORT and AFTERCARE_DATA as this command, if you set them).%n", base, data);
            System.exit(1);
        }
    }

    private static String env(String name, String fallback) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()).orElse(fallback);
    }


    private static void serve(int port, int sesPort, Path data, Duration sweepEvery) throws InterruptedException {
        LocalAftercare local;
        try {
            local = LocalAftercare.start(new LocalAftercare.Settings(port, Optional.of(data), Optional.empty(), Clock.systemUTC(), sesPort,
                    Optional.of(sweepEvery), List.of(), Optional.empty()));
        } catch (Ports.Busy busy) {
            // what to do is in the message: no stack trace for it
            System.err.println("Aftercare did not start. " + busy.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(local::close));
        boolean fresh = DemoShops.registerIfAbsent(local.app().shops(), local.app().discountPool());
        System.out.printf("""

                Aftercare is running at %1$s  (data: %2$s)
                  admin token:    in %3$s (not printed: it outlives this terminal)
                  demo shops:     demo-shopify, demo-woocommerce, demo-generic%4$s
                  webhook secret: %5$s
                  emails sent:    %6$s  (the SES emulator: open it in a browser)
                  due actions are swept every %7$d s
                  customers' mail: a raw message (.eml) dropped in %2$s/inbound/ is received, for
                                  {shop}@%8$s and the Reply-To addresses of the emails sent

                Send the sample webhooks (signed like each platform signs them) and see the timelines:
                  java -jar infrastructure/local/target/aftercare-local.jar send-samples
                Read one back:
                  curl -H "Authorization: Bearer $(cat %3$s)" %1$s/api/shops/demo-shopify/orders/<order id>/timeline
                Or watch two months of emails in one minute (a separate, in-memory run):
                  java -jar infrastructure/local/target/aftercare-local.jar demo

                """, local.baseUri(), data, data.resolve("admin-token"), fresh ? " (registered now)" : "", DemoShops.SECRET,
                local.ses().endpoint(), sweepEvery.toSeconds(), LocalInbound.DOMAIN.value());
        new CountDownLatch(1).await();
    }
}
