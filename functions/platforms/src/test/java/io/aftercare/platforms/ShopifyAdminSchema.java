package io.aftercare.platforms;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.aftercare.devkit.RepositoryRoot;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;

/** Shopify's published Admin API schema (see infrastructure/fixtures/discounts/SOURCES.md), with no resolvers: for validation only. */
public final class ShopifyAdminSchema {

    private ShopifyAdminSchema() {
    }

    public static GraphQLSchema load() throws IOException {
        var file = RepositoryRoot.fixtures().resolve("discounts/shopify-admin-schema-unstable-2025-10-09.graphql.gz");
        try (var reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(reader));
        }
    }
}
