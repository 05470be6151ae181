package io.aftercare.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.devkit.TemplateResources;
import io.aftercare.lambda.Aftercare;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP routes {@code template.yaml} gives API Gateway, with the handler class of each: the local runner serves
 * these and nothing else, so it cannot drift from what is deployed.
 */
public final class TemplateRoutes {

    /** One route: {@code method} and {@code path} as in the template ({@code /webhooks/{platform}/{shop}}). */
    public record Route(String function, String handlerClass, String method, String path) {

        public String routeKey() {
            return method + " " + path;
        }

        /** The path parameters when {@code requestPath} matches this route. */
        public Optional<Map<String, String>> match(String requestMethod, List<String> segments) {
            List<String> pattern = segmentsOf(path);
            if (!method.equalsIgnoreCase(requestMethod) || pattern.size() != segments.size()) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < pattern.size(); i++) {
                String p = pattern.get(i);
                if (p.startsWith("{") && p.endsWith("}")) {
                    parameters.put(p.substring(1, p.length() - 1), segments.get(i));
                } else if (!p.equals(segments.get(i))) {
                    return Optional.empty();
                }
            }
            return Optional.of(parameters);
        }
    }

    private TemplateRoutes() {
    }

    /** The HTTP handler {@code template.yaml} names, built on {@code app} as the local runner serves it. */
    @SuppressWarnings("unchecked") // an HTTP route's handler takes API Gateway's events: TemplateTest checks it for every route
    public static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(String className, Aftercare app) {
        try {
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(className).getConstructor(Aftercare.class).newInstance(app);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("template.yaml names handler " + className + ", which cannot be built with an Aftercare", e);
        }
    }

    public static List<Route> of(TemplateResources template) {
        List<Route> routes = new ArrayList<>();
        template.propertiesOfType("AWS::Serverless::Function").forEach((function, properties) -> {
            String handlerClass = properties.path("Handler").asText().split("::")[0];
            for (JsonNode event : properties.path("Events")) {
                if ("HttpApi".equals(event.path("Type").asText())) {
                    routes.add(new Route(function, handlerClass,
                            event.path("Properties").path("Method").asText().toUpperCase(Locale.ROOT),
                            event.path("Properties").path("Path").asText()));
                }
            }
        });
        return routes;
    }

    static List<String> segmentsOf(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
