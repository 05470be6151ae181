package io.aftercare.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The main class of Aftercare's runnable jars. Compiled for Java 11 so that it loads on the older JDK a machine may
 * have as its default {@code java}: on Java 21+ it calls the jar's real main class (its manifest's
 * {@code Aftercare-Main}) in this JVM; on an older one it runs the same class path on the newest JDK 21+ it finds
 * ({@code JAVA_HOME}, then the usual install folders), passing the arguments, the console and the exit code through.
 * It also starts a JVM of its own where this one lacks options the runner needs ({@code Aftercare-Jvm-Options}).
 */
public final class Launcher {

    static final int REQUIRED_FEATURE = 21;
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        Attributes manifest = startedJarManifest();
        String target = manifest.getValue("Aftercare-Main");
        if (target == null) {
            throw new IllegalStateException("The jar's manifest names no Aftercare-Main class");
        }
        int current = Runtime.version().feature();
        if (current >= REQUIRED_FEATURE && versionedOptions(manifest, current).isEmpty()) {
            MethodHandles.publicLookup()
                    .findStatic(Class.forName(target), "main", MethodType.methodType(void.class, String[].class))
                    .invokeExact(args);
            return;
        }
        Optional<Path> jdk = current >= REQUIRED_FEATURE
                ? Optional.of(Path.of(System.getProperty("java.home")))
                : newestJdk(candidateFolders(System.getenv(), Path.of(System.getProperty("user.home"))));
        if (jdk.isEmpty()) {
            System.err.println("Aftercare needs Java " + REQUIRED_FEATURE + " or newer, and this is Java "
                    + current + " (" + System.getProperty("java.home") + "), with no JDK "
                    + REQUIRED_FEATURE + "+ found. Install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it.");
            System.exit(1);
        }
        System.exit(runOn(jdk.get(), jvmOptions(manifest, feature(jdk.get())), target, args));
    }

    /** The launcher's pid, given to the JVM it starts. */
    public static final String PID_PROPERTY = "aftercare.launcher.pid";

    static int runOn(Path jdk, List<String> options, String target, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(jdk).toString()));
        command.addAll(options);
        // SIGKILL runs no shutdown hook: the child watches this pid to end with the launcher however it ends
        command.add("-D" + PID_PROPERTY + "=" + ProcessHandle.current().pid());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), target));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        // a stopped launcher stops the runner too, which then runs its own shutdown hooks
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
        return child.waitFor();
    }

    /** The manifest of the jar {@code java -jar} started: the class path's first entry. */
    private static Attributes startedJarManifest() throws IOException {
        String jar = System.getProperty("java.class.path").split(File.pathSeparator)[0];
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            return manifest == null ? new Attributes() : manifest.getMainAttributes();
        }
    }

    /** The options the runner needs on a JDK of this feature release: the manifest's own, which {@code -cp} ignores, and the versioned ones. */
    static List<String> jvmOptions(Attributes manifest, int feature) {
        List<String> options = new ArrayList<>();
        Optional.ofNullable(manifest.getValue("Enable-Native-Access")).ifPresent(modules -> options.add("--enable-native-access=" + modules));
        options.addAll(versionedOptions(manifest, feature));
        return options;
    }

    /**
     * Options no manifest attribute can set, from {@code Aftercare-Jvm-Options}: space-separated {@code N:option}
     * entries, each for JDKs of feature release N and later (older JDKs refuse options they do not know).
     */
    static List<String> versionedOptions(Attributes manifest, int feature) {
        List<String> options = new ArrayList<>();
        for (String entry : Optional.ofNullable(manifest.getValue("Aftercare-Jvm-Options")).orElse("").trim().split("\\s+")) {
            int colon = entry.indexOf(':');
            if (colon > 0 && feature >= Integer.parseInt(entry.substring(0, colon))) {
                options.add(entry.substring(colon + 1));
            }
        }
        return options;
    }

    /** Where JDKs are installed: {@code JAVA_HOME} itself, then the folders that hold one JDK per entry. */
    static List<Path> candidateFolders(Map<String, String> env, Path home) {
        List<Path> candidates = new ArrayList<>();
        for (String variable : List.of("JAVA_HOME", "JDK_HOME")) {
            Optional.ofNullable(env.get(variable)).filter(v -> !v.isBlank()).map(Path::of).ifPresent(candidates::add);
        }
        List<Path> parents = List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt/java"), Path.of("/opt"),
                Path.of("/Library/Java/JavaVirtualMachines"), home.resolve("Library/Java/JavaVirtualMachines"),
                home.resolve(".sdkman/candidates/java"), home.resolve(".jdks"), home.resolve(".asdf/installs/java"),
                Path.of("C:\\Program Files\\Java"), Path.of("C:\\Program Files\\Eclipse Adoptium"));
        for (Path parent : parents) {
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
                for (Path entry : entries) {
                    candidates.add(entry);
                    candidates.add(entry.resolve("Contents/Home")); // macOS bundles
                }
            } catch (IOException unreadable) {
                // a folder we may not list holds no JDK we could start either
            }
        }
        return candidates;
    }

    /** The JDK of the highest feature release at least {@link #REQUIRED_FEATURE} among the candidates. */
    static Optional<Path> newestJdk(List<Path> candidates) {
        return candidates.stream()
                .filter(dir -> Files.isExecutable(javaBinary(dir)))
                .filter(dir -> feature(dir) >= REQUIRED_FEATURE)
                .max(Comparator.comparingInt(Launcher::feature));
    }

    /** The feature release a JDK's {@code release} file states, or 0 when it states none. */
    static int feature(Path jdk) {
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(jdk.resolve("release"), StandardCharsets.UTF_8));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    private static Path javaBinary(Path jdk) {
        Path unix = jdk.resolve("bin/java");
        return Files.exists(unix) ? unix : jdk.resolve("bin/java.exe");
    }
}
