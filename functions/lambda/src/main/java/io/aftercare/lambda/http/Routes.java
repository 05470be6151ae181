package io.aftercare.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.domain.Conflict;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.NotFound;
import io.aftercare.lambda.AdminAuth;
import io.aftercare.lambda.Failures;
import io.aftercare.lambda.json.MalformedJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handler's routes by API Gateway route key ({@code "GET /admin/shops/{shop}"}), with the mapping of domain
 * exceptions to HTTP answers in one place. The route keys are the ones {@code template.yaml} declares.
 */
public final class Routes {

    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private final Map<String, Function<HttpRequest, APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();
    private final Optional<AdminAuth> auth;

    private Routes(Optional<AdminAuth> auth) {
        this.auth = auth;
    }

    /** Routes that all need the admin bearer token. */
    public static Routes withAdminToken(AdminAuth auth) {
        return new Routes(Optional.of(auth));
    }

    /** Routes anyone may call (customers' links carry their own signed tokens). */
    public static Routes open() {
        return new Routes(Optional.empty());
    }

    public Routes on(String routeKey, Function<HttpRequest, APIGatewayV2HTTPResponse> handler) {
        routes.put(routeKey, handler);
        return this;
    }

    public java.util.Set<String> keys() {
        return java.util.Set.copyOf(routes.keySet());
    }

    public APIGatewayV2HTTPResponse handle(HttpRequest request) {
        if (auth.isPresent() && !auth.get().allows(request.header("authorization"))) {
            return HttpResponses.error(401, "unauthorized", "Send the admin token as 'Authorization: Bearer <token>'.");
        }
        var route = routes.get(request.routeKey());
        if (route == null) {
            return HttpResponses.error(404, "not_found", "No route " + request.routeKey() + ".");
        }
        try {
            return route.apply(request);
        } catch (MalformedJson e) {
            return HttpResponses.error(400, "malformed_json", e.getMessage());
        } catch (InvalidInput e) {
            return HttpResponses.error(400, "invalid_request", e.getMessage(), e.field());
        } catch (NotFound e) {
            return HttpResponses.error(404, "not_found", e.getMessage());
        } catch (Conflict e) {
            return HttpResponses.error(409, "conflict", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} failed: {}", request.routeKey(), Failures.describe(e));
            return HttpResponses.error(500, "internal_error", "Aftercare could not handle this request; it has been logged.");
        }
    }
}
