package io.aftercare.devkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the folder holding {@code template.yaml}. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path find() {
        String configured = System.getProperty("aftercare.root");
        if (configured != null && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the Aftercare repository root (template.yaml) from "
                + Path.of("").toAbsolutePath() + "; set -Daftercare.root");
    }

    /**
     * The platforms' webhook samples and SES records: {@code AFTERCARE_FIXTURES} if set, else {@code shared/fixtures}
     * beside the repository (or beside one of its parent folders), else the workplace's {@code /work/shared/fixtures}.
     */
    public static Path sharedFixtures() {
        String configured = System.getenv("AFTERCARE_FIXTURES");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = find().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/fixtures/webhooks"))) {
                return dir.resolve("shared/fixtures");
            }
        }
        Path workplace = Path.of("/work/shared/fixtures");
        if (Files.isDirectory(workplace)) {
            return workplace;
        }
        throw new IllegalStateException("Cannot find the shared fixtures (shared/fixtures beside the repository); set AFTERCARE_FIXTURES");
    }
}
