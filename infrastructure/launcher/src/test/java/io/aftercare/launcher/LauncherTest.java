package io.aftercare.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void theNewestJdkOfAtLeastTwentyOneIsChosenAndOlderOnesAreIgnored() throws IOException {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");
        Path jdk21 = fakeJdk("jdk-21", "21.0.9");
        Path jdk25 = fakeJdk("temurin-25", "25.0.1");
        Path java8 = fakeJdk("java-8", "1.8.0_452");

        assertThat(Launcher.newestJdk(List.of(jdk17, jdk21, java8, jdk25))).contains(jdk25);
        assertThat(Launcher.newestJdk(List.of(jdk17, java8))).isEmpty();
    }

    @Test
    void aFolderWithoutARunnableJavaOrAReleaseFileIsNoJdk() throws IOException {
        Path noBinary = Files.createDirectories(dir.resolve("jre-bits"));
        Files.writeString(noBinary.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
        Path noRelease = fakeJdk("unknown", "25");
        Files.delete(noRelease.resolve("release"));

        assertThat(Launcher.newestJdk(List.of(noBinary, noRelease))).isEmpty();
    }

    @Test
    void javaHomeComesFirstAndEveryEntryOfTheUsualInstallFoldersIsACandidate() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path sdkman = Files.createDirectories(home.resolve(".sdkman/candidates/java/21.0.9-tem"));

        List<Path> candidates = Launcher.candidateFolders(Map.of("JAVA_HOME", "/somewhere/jdk-25"), home);

        assertThat(candidates.get(0)).isEqualTo(Path.of("/somewhere/jdk-25"));
        assertThat(candidates).contains(sdkman, sdkman.resolve("Contents/Home"));
    }

    @Test
    void theRealMainClassRunsOnTheChosenJdkWithTheArgumentsAndItsExitCode() throws Exception {
        Path out = dir.resolve("out.txt");

        int exit = Launcher.runOn(Path.of(System.getProperty("java.home")), List.of(), ExitsWithItsArguments.class.getName(),
                new String[] {out.toString(), "demo", "two words"});

        assertThat(exit).isEqualTo(7);
        assertThat(Files.readAllLines(out)).containsExactly("demo", "two words");
    }

    @Test
    void theManifestsNativeAccessIsPassedOnBecauseClassPathStartsIgnoreIt() {
        Attributes manifest = new Attributes();
        manifest.putValue("Enable-Native-Access", "ALL-UNNAMED");

        assertThat(Launcher.jvmOptions(manifest, 25)).containsExactly("--enable-native-access=ALL-UNNAMED");
        assertThat(Launcher.jvmOptions(new Attributes(), 25)).isEmpty();
    }

    @Test
    void versionedOptionsApplyFromTheirFeatureReleaseOnSoThatOlderJdksStillStart() {
        Attributes manifest = new Attributes();
        manifest.putValue("Aftercare-Jvm-Options", " 24:--sun-misc-unsafe-memory-access=allow  30:--future-flag ");

        assertThat(Launcher.versionedOptions(manifest, 21)).isEmpty();
        assertThat(Launcher.versionedOptions(manifest, 25)).containsExactly("--sun-misc-unsafe-memory-access=allow");
        assertThat(Launcher.versionedOptions(manifest, 30)).containsExactly("--sun-misc-unsafe-memory-access=allow", "--future-flag");
        assertThat(Launcher.versionedOptions(new Attributes(), 25)).isEmpty();
    }

    /** Stands in for a runner's main class: writes its arguments and exits with a code of its own. */
    public static final class ExitsWithItsArguments {
        public static void main(String[] args) throws IOException {
            Files.write(Path.of(args[0]), List.of(args).subList(1, args.length));
            System.exit(7);
        }
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path jdk = Files.createDirectories(dir.resolve(name).resolve("bin")).getParent();
        Path java = Files.writeString(jdk.resolve("bin/java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return jdk;
    }
}
