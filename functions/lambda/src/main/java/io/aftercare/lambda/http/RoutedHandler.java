package io.aftercare.lambda.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.lambda.Invocations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP API function: its {@link Routes}, which {@code template.yaml} must give it, no more, no fewer, and one
 * invocation's shape: the request read, logged with its correlation ids, routed. A subclass only builds its routes
 * (and has the no-argument constructor Lambda calls). It names {@code RequestHandler} again in its own declaration,
 * where {@code template.yaml}'s check reads which event a function's handler takes.
 */
public abstract class RoutedHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Path parameters that go on every log line of their request, by log field; never a customer's token or address. */
    private static final Map<String, String> CORRELATED = Map.of("shop", "shop", "platform", "platform", "ticketId", "ticket_id");

    private final Routes routes;

    protected RoutedHandler(Routes routes) {
        this.routes = routes;
    }

    public final Set<String> routeKeys() {
        return routes.keys();
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var request = HttpRequest.of(event);
        Map<String, String> correlation = new LinkedHashMap<>();
        CORRELATED.forEach((parameter, field) -> {
            String value = request.pathParameters().get(parameter);
            if (value != null) {
                correlation.put(field, value);
            }
        });
        return Invocations.logged(context, correlation, () -> routes.handle(request));
    }
}
