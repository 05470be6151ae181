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

    /** The platforms' webhook samples and SES records, kept in the repository with their sources. */
    public static Path fixtures() {
        return find().resolve("infrastructure/fixtures");
    }
}
