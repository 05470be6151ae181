package io.aftercare.lambda.http;

import java.util.Set;

/** An HTTP API function: the route keys it answers, which {@code template.yaml} must give it, no more, no fewer. */
public interface RoutedHandler {

    Set<String> routeKeys();
}
