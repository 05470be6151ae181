package io.aftercare.lambda.http;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.access.Access;
import io.aftercare.domain.access.AccessDenied;
import io.aftercare.domain.access.Caller;
import io.aftercare.domain.access.Presented;
import io.aftercare.lambda.AdminAuth;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check in front of every route: reads the credential a request carries (the admin token, an API token, or a
 * session cookie with its CSRF header) and lets it through only as far as {@link RouteAccess} says the route needs.
 */
public final class Gate {

    public static final String SESSION_COOKIE = "aftercare_session";
    public static final String CSRF_HEADER = "x-csrf-token";
    private static final Logger LOG = LoggerFactory.getLogger(Gate.class);

    private final AdminAuth admin;
    private final Supplier<Access> access;

    public Gate(AdminAuth admin, Supplier<Access> access) {
        this.admin = admin;
        this.access = access;
    }

    /** @throws AccessDenied when the request may not call the route */
    Optional<Caller> admit(RouteAccess.Needs needs, HttpRequest request) {
        Optional<String> authorization = request.header("authorization");
        boolean stateChanging = !request.routeKey().startsWith("GET ") && !request.routeKey().startsWith("HEAD ");
        return switch (needs) {
            case OPEN -> Optional.empty();
            case ADMIN_TOKEN -> {
                if (!admin.allows(authorization)) {
                    throw AccessDenied.unauthenticated("Send the admin token as 'Authorization: Bearer <token>'.");
                }
                yield Optional.of(new Caller.BreakGlass());
            }
            case SIGNED_IN -> {
                var session = access.get().signedIn(presented(request), stateChanging);
                yield Optional.of(new Caller.Person(session.email(), session.hash(), session.secondFactor()));
            }
            default -> {
                if (authorization.isPresent() && admin.allows(authorization)) {
                    // break-glass: kept so the deployment's operator can still act when no owner can
                    LOG.info("admin token used on {}", request.routeKey());
                    yield Optional.of(new Caller.BreakGlass());
                }
                yield Optional.of(access.get().authorize(presented(request), new ShopId(request.path("shop")), needs.role().orElseThrow(), stateChanging));
            }
        };
    }

    private static Presented presented(HttpRequest request) {
        Optional<String> bearer = request.header("authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).trim());
        if (bearer.isPresent()) {
            return new Presented.Bearer(bearer.get());
        }
        return request.cookie(SESSION_COOKIE)
                .<Presented>map(id -> new Presented.SessionCookie(id, request.header(CSRF_HEADER)))
                .orElse(new Presented.Nothing());
    }
}
