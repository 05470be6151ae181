package io.aftercare.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.domain.Conflict;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.access.AccessDenied;
import io.aftercare.domain.access.Caller;
import io.aftercare.lambda.AdminAuth;
import io.aftercare.lambda.Failures;
import io.aftercare.lambda.json.MalformedJson;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handler's routes by API Gateway route key ({@code "GET /admin/shops/{shop}"}), each checked against
 * {@link RouteAccess} before it runs, with the mapping of domain exceptions to HTTP answers in one place. The route
 * keys are the ones {@code template.yaml} declares.
 */
public final class Routes {

    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private final Map<String, Function<HttpRequest, APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();
    private final Optional<Gate> gate;
    private final Set<RouteAccess.Needs> allowed;

    private Routes(Optional<Gate> gate, Set<RouteAccess.Needs> allowed) {
        this.gate = gate;
        this.allowed = allowed;
    }

    /** Routes that all need the admin bearer token. */
    public static Routes withAdminToken(AdminAuth auth) {
        return new Routes(Optional.of(new Gate(auth, () -> {
            throw new IllegalStateException("admin routes need no sign-in");
        })), EnumSet.of(RouteAccess.Needs.ADMIN_TOKEN));
    }

    /** Routes anyone may call (webhooks and customers' links carry their own signatures). */
    public static Routes open() {
        return new Routes(Optional.empty(), EnumSet.of(RouteAccess.Needs.OPEN));
    }

    /** Routes each needing what {@link RouteAccess} says: a member's role in the path's shop, a session, or nothing. */
    public static Routes guarded(Gate gate) {
        return new Routes(Optional.of(gate), EnumSet.allOf(RouteAccess.Needs.class));
    }

    /** @throws IllegalStateException for a route {@link RouteAccess} does not list, or one this kind of routes cannot check */
    public Routes on(String routeKey, Function<HttpRequest, APIGatewayV2HTTPResponse> handler) {
        var needs = RouteAccess.required(routeKey);
        if (!allowed.contains(needs)) {
            throw new IllegalStateException(routeKey + " needs " + needs + ", which these routes do not check");
        }
        routes.put(routeKey, handler);
        return this;
    }

    public Set<String> keys() {
        return Set.copyOf(routes.keySet());
    }

    public APIGatewayV2HTTPResponse handle(HttpRequest request) {
        var route = routes.get(request.routeKey());
        if (route == null) {
            return HttpResponses.error(404, "not_found", "No route " + request.routeKey() + ".");
        }
        try {
            var caller = gate.isPresent() ? gate.get().admit(RouteAccess.required(request.routeKey()), request) : Optional.<Caller>empty();
            return route.apply(caller.map(request::by).orElse(request));
        } catch (AccessDenied e) {
            return HttpResponses.error(e.status(), e.code(), e.getMessage());
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
