package io.aftercare.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The platforms' own sample payloads and SES records, kept in {@code infrastructure/fixtures} with their sources (SOURCES.md), never copied into tests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] shopify(String name) {
        return read("webhooks/shopify/" + name);
    }

    public static byte[] wooCommerce(String name) {
        return read("webhooks/woocommerce/" + name);
    }

    public static byte[] ses(String name) {
        return read("ses/" + name);
    }

    public static byte[] read(String relative) {
        Path file = RepositoryRoot.fixtures().resolve(relative);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Fixture " + file + " is missing (infrastructure/fixtures)", e);
        }
    }
}
