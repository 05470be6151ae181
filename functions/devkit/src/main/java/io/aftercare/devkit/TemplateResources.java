package io.aftercare.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The {@code Resources} of a {@code template.yaml}, as the local runner and the tests build their tables and queues from it. */
final class TemplateResources {

    private final Path template;
    private final JsonNode resources;

    private TemplateResources(Path template, JsonNode resources) {
        this.template = template;
        this.resources = resources;
    }

    static TemplateResources read(Path template) {
        try {
            return new TemplateResources(template, new ObjectMapper(new YAMLFactory()).readTree(template.toFile()).path("Resources"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + template, e);
        }
    }

    /** Whether the template declares {@code logicalId} with this resource type. */
    boolean has(String logicalId, String type) {
        return type.equals(resources.path(logicalId).path("Type").asText());
    }

    /** The properties of {@code logicalId}, which must be of this type. */
    JsonNode properties(String logicalId, String type) {
        if (!has(logicalId, type)) {
            throw new IllegalStateException(template + " has no " + type + " resource named " + logicalId);
        }
        return resources.path(logicalId).path("Properties");
    }
}
