package io.aftercare.devkit;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** How the devkit's SDK clients reach its local servers: one region and one pair of static credentials for all. */
final class LocalClients {

    /** DynamoDB Local keeps a database per region and access key: every client of one server must use the same. */
    static final Region REGION = Region.EU_CENTRAL_1;
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private LocalClients() {
    }

    /** {@code builder} pointed at {@code endpoint}, its requests watched by {@code interceptors}, ready to build. */
    static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B local(B builder, URI endpoint, ExecutionInterceptor... interceptors) {
        return builder.endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> List.of(interceptors).forEach(c::addExecutionInterceptor));
    }
}
