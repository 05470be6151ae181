package io.aftercare.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.devkit.Ports;
import io.aftercare.devkit.RepositoryRoot;
import io.aftercare.launcher.Launcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runner as a process on the machine: what it leaves behind when killed, the files it creates, the ports it takes. */
class LocalRunnerProcessTest {

    @TempDir
    Path temp;

    @Test
    void givenTheRunnerAsAChildProcess_whenItIsKilledWithSigkill_thenItsSesEmulatorDiesWithItAndThePortIsFreeAgain() throws Exception {
        int sesPort = Ports.free();
        Process runner = startRunner(sesPort, List.of());
        try {
            runner.destroyForcibly(); // SIGKILL: no shutdown hook runs
            runner.waitFor(10, TimeUnit.SECONDS);

            assertThat(freeWithin(sesPort, Duration.ofSeconds(5))).as("the SES emulator's port after the runner was killed").isTrue();
        } finally {
            runner.destroyForcibly();
        }
    }

    @Test
    void givenTheRunnerStartedByTheLauncher_whenTheLauncherIsKilledWithSigkill_thenTheRunnerExitsAndFreesItsPorts() throws Exception {
        int sesPort = Ports.free();
        Process launcher = new ProcessBuilder("sleep", "600").start(); // stands in for the launcher's JVM
        Process runner = startRunner(sesPort, List.of("-D" + Launcher.PID_PROPERTY + "=" + launcher.pid()));
        try {
            launcher.destroyForcibly();

            assertThat(runner.waitFor(20, TimeUnit.SECONDS)).as("the runner exits with its launcher").isTrue();
            assertThat(freeWithin(sesPort, Duration.ofSeconds(5))).as("the SES emulator's port").isTrue();
        } finally {
            launcher.destroyForcibly();
            runner.destroyForcibly();
        }
    }

    /** Starts {@link Main} in a JVM of its own, on free ports and a fresh data folder, and waits until it says it runs. */
    private Process startRunner(int sesPort, List<String> jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Daftercare.root=" + RepositoryRoot.find()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AFTERCARE_PORT", Integer.toString(Ports.free()));
        builder.environment().put("AFTERCARE_SES_PORT", Integer.toString(sesPort));
        builder.environment().put("AFTERCARE_DATA", temp.resolve("data-" + sesPort).toString());
        builder.environment().put("AFTERCARE_SWEEP_SECONDS", "3600");
        Process process = builder.start();
        var output = new StringBuilder();
        try {
            assertThat(started(process, output).get(120, TimeUnit.SECONDS)).as(output.toString()).isTrue();
            assertThat(isFree(sesPort)).as("the emulator listens while the runner runs").isFalse();
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    @Test
    void givenAFreshDataFolder_whenTheRunnerStarts_thenItsSecretsAndDatabaseAreReadableByTheOwnerOnly() throws Exception {
        Path data = temp.resolve("fresh/data");
        try (var local = LocalAftercare.start(new LocalAftercare.Settings(0, Optional.of(data), Optional.empty(), Clock.systemUTC(), 0,
                Optional.empty(), List.of(), Optional.empty()))) {
            assertThat(permissions(data)).isEqualTo("rwx------");
            for (String file : List.of("admin-token", "link-key", "shared-local-instance.db")) {
                assertThat(permissions(data.resolve(file))).as(file).isEqualTo("rw-------");
            }
            assertThat(Files.readString(data.resolve("admin-token"))).isEqualTo(local.adminToken());
        }
    }

    @Test
    void givenTheSesEmulatorsPortAlreadyTaken_whenTheRunnerStarts_thenItFailsNamingThePortAndWhatHoldsIt() throws Exception {
        try (var orphan = new ServerSocket()) {
            orphan.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = orphan.getLocalPort();
            var settings = new LocalAftercare.Settings(0, Optional.empty(), Optional.of("busy-port-admin-token-0123456789"), Clock.systemUTC(),
                    port, Optional.empty(), List.of(), Optional.empty());

            assertThatThrownBy(() -> LocalAftercare.start(settings).close())
                    .hasMessageContaining("Port " + port + " (for the SES emulator) is in use")
                    .hasMessageContaining("held by pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void givenTheApiPortAlreadyTaken_whenTheRunnerStarts_thenItFailsNamingThePortAndWhatHoldsIt() throws Exception {
        try (var other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = other.getLocalPort();
            var settings = new LocalAftercare.Settings(port, Optional.empty(), Optional.of("busy-port-admin-token-0123456789"), Clock.systemUTC(),
                    0, Optional.empty(), List.of(), Optional.empty());

            assertThatThrownBy(() -> LocalAftercare.start(settings).close())
                    .hasMessageContaining("Port " + port + " (for the HTTP API) is in use")
                    .hasMessageContaining("held by pid " + ProcessHandle.current().pid());
        }
    }

    /** Completes true when the runner says it is running, false if it exits first; collects what it printed. */
    private static CompletableFuture<Boolean> started(Process process, StringBuilder output) {
        var started = new CompletableFuture<Boolean>();
        Thread.ofPlatform().daemon().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("Aftercare is running at")) {
                        started.complete(true);
                    }
                }
            } catch (IOException ended) {
                // the runner is gone
            }
            started.complete(false);
        });
        return started;
    }

    private static boolean freeWithin(int port, Duration patience) throws InterruptedException {
        Instant giveUp = Instant.now().plus(patience);
        while (!isFree(port)) {
            if (Instant.now().isAfter(giveUp)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static boolean isFree(int port) {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
