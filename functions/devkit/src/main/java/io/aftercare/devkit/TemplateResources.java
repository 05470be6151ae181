package io.aftercare.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code Resources} of a {@code template.yaml}, as the local runner and the tests build their table, queues and
 * routes from it: read once, then asked for each.
 */
public final class TemplateResources {

    private final Path template;
    private final JsonNode resources;

    private TemplateResources(Path template, JsonNode resources) {
        this.template = template;
        this.resources = resources;
    }

    public static TemplateResources read(Path template) {
        try {
            return new TemplateResources(template, new ObjectMapper(new YAMLFactory()).readTree(template.toFile()).path("Resources"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + template, e);
        }
    }

    /** The template at the repository root ({@code -Daftercare.root}, else the working directory and its parents). */
    public static TemplateResources fromRepository() {
        return read(RepositoryRoot.find().resolve("template.yaml"));
    }

    /** The properties of every resource of this type, by logical id, in the template's order. */
    public Map<String, JsonNode> propertiesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources.properties().forEach(resource -> {
            if (type.equals(resource.getValue().path("Type").asText())) {
                found.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        });
        return found;
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

    /** The template's path, for messages. */
    @Override
    public String toString() {
        return template.toString();
    }
}
