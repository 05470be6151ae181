package io.aftercare.lambda.http;

import io.aftercare.domain.shop.Role;
import java.util.Map;
import java.util.Optional;

/**
 * What every route of {@code template.yaml} needs of its caller, in one table: {@link Routes} refuses to serve a route
 * missing here, so a new route cannot go out unchecked. Shop routes name the lowest role that may call them; the admin
 * token passes them too (break-glass, logged).
 */
public final class RouteAccess {

    /** Who may call a route. */
    public enum Needs {
        /** No credential: webhooks (signed), customers' pages (signed links), signing in. */
        OPEN,
        /** The deployment's admin token only. */
        ADMIN_TOKEN,
        /** A signed-in person, whatever their shops. */
        SIGNED_IN,
        AGENT, LEAD, MANAGER, OWNER;

        /** The role a shop route needs in the {@code {shop}} of its path. */
        public Optional<Role> role() {
            return switch (this) {
                case OPEN, ADMIN_TOKEN, SIGNED_IN -> Optional.empty();
                default -> Optional.of(Role.valueOf(name()));
            };
        }
    }

    private static final Map<String, Needs> ROUTES = Map.ofEntries(
            Map.entry("POST /webhooks/{platform}/{shop}", Needs.OPEN),
            Map.entry("POST /admin/shops", Needs.ADMIN_TOKEN),
            Map.entry("GET /admin/shops", Needs.ADMIN_TOKEN),
            Map.entry("GET /admin/shops/{shop}", Needs.ADMIN_TOKEN),
            Map.entry("PATCH /admin/shops/{shop}", Needs.ADMIN_TOKEN),
            Map.entry("POST /admin/shops/{shop}/webhook-secret", Needs.ADMIN_TOKEN),
            Map.entry("GET /admin/shops/{shop}/templates", Needs.ADMIN_TOKEN),
            Map.entry("PUT /admin/shops/{shop}/templates/{kind}/{language}", Needs.ADMIN_TOKEN),
            Map.entry("DELETE /admin/shops/{shop}/templates/{kind}/{language}", Needs.ADMIN_TOKEN),
            Map.entry("POST /admin/shops/{shop}/owners", Needs.ADMIN_TOKEN),
            Map.entry("PUT /admin/shops/{shop}/discount-access", Needs.ADMIN_TOKEN),
            Map.entry("POST /admin/shops/{shop}/discount-pool", Needs.ADMIN_TOKEN),
            Map.entry("POST /admin/shops/{shop}/privacy/data-requests", Needs.ADMIN_TOKEN),
            Map.entry("POST /admin/shops/{shop}/privacy/customer-erasures", Needs.ADMIN_TOKEN),
            Map.entry("POST /admin/shops/{shop}/privacy/shop-erasure", Needs.ADMIN_TOKEN),
            Map.entry("GET /api/shops/{shop}/orders/{orderId}", Needs.AGENT),
            Map.entry("GET /api/shops/{shop}/orders/{orderId}/timeline", Needs.AGENT),
            Map.entry("GET /api/shops/{shop}/customers/{email}", Needs.AGENT),
            Map.entry("GET /api/shops/{shop}/customers/{email}/timeline", Needs.AGENT),
            Map.entry("GET /api/shops/{shop}/customers/{email}/data-export", Needs.OWNER),
            Map.entry("GET /api/shops/{shop}/tickets", Needs.AGENT),
            Map.entry("GET /api/shops/{shop}/search", Needs.AGENT),
            Map.entry("GET /api/shops/{shop}/saved-replies", Needs.AGENT),
            Map.entry("GET /api/shops/{shop}/settings", Needs.OWNER),
            Map.entry("GET /api/shops/{shop}/metrics", Needs.MANAGER),
            Map.entry("GET /api/shops/{shop}/loyalty", Needs.MANAGER),
            Map.entry("PUT /api/shops/{shop}/settings", Needs.OWNER),
            Map.entry("POST /api/shops/{shop}/saved-replies", Needs.LEAD),
            Map.entry("PUT /api/shops/{shop}/saved-replies/{replyId}", Needs.LEAD),
            Map.entry("DELETE /api/shops/{shop}/saved-replies/{replyId}", Needs.LEAD),
            Map.entry("POST /api/shops/{shop}/tickets", Needs.AGENT),
            Map.entry("GET /api/shops/{shop}/tickets/{ticketId}", Needs.AGENT),
            Map.entry("PATCH /api/shops/{shop}/tickets/{ticketId}", Needs.AGENT),
            Map.entry("GET /api/shops/{shop}/tickets/{ticketId}/attachments/{n}", Needs.AGENT),
            Map.entry("POST /api/shops/{shop}/tickets/{ticketId}/replies", Needs.AGENT),
            Map.entry("POST /api/shops/{shop}/tickets/{ticketId}/notes", Needs.AGENT),
            Map.entry("PUT /api/shops/{shop}/tickets/{ticketId}/presence", Needs.AGENT),
            Map.entry("GET /api/shops/{shop}/presence", Needs.AGENT),
            Map.entry("GET /api/shops/{shop}/members", Needs.AGENT),
            Map.entry("POST /api/shops/{shop}/members", Needs.OWNER),
            Map.entry("PATCH /api/shops/{shop}/members/{memberId}", Needs.OWNER),
            Map.entry("DELETE /api/shops/{shop}/members/{memberId}", Needs.OWNER),
            Map.entry("GET /api/shops/{shop}/tokens", Needs.OWNER),
            Map.entry("POST /api/shops/{shop}/tokens", Needs.OWNER),
            Map.entry("DELETE /api/shops/{shop}/tokens/{tokenId}", Needs.OWNER),
            Map.entry("GET /api/shops/{shop}/audit", Needs.MANAGER),
            Map.entry("POST /auth/link", Needs.OPEN),
            Map.entry("GET /auth/link/{token}", Needs.OPEN),
            Map.entry("POST /auth/link/{token}", Needs.OPEN),
            Map.entry("GET /auth/session", Needs.SIGNED_IN),
            Map.entry("POST /auth/sign-out", Needs.SIGNED_IN),
            Map.entry("PUT /auth/preferences", Needs.SIGNED_IN),
            Map.entry("POST /auth/second-factor/enrol", Needs.SIGNED_IN),
            Map.entry("POST /auth/second-factor/confirm", Needs.SIGNED_IN),
            Map.entry("POST /auth/second-factor", Needs.SIGNED_IN),
            Map.entry("PUT /api/shops/{shop}/access", Needs.OWNER),
            Map.entry("GET /console", Needs.OPEN),
            Map.entry("GET /console/tickets/{ticketId}", Needs.OPEN),
            Map.entry("GET /console/{view}", Needs.OPEN),
            Map.entry("GET /console/assets/{asset}", Needs.OPEN),
            Map.entry("GET /u/{token}", Needs.OPEN),
            Map.entry("POST /u/{token}", Needs.OPEN),
            Map.entry("GET /f/{token}", Needs.OPEN),
            Map.entry("POST /f/{token}", Needs.OPEN));

    private RouteAccess() {
    }

    public static Optional<Needs> of(String routeKey) {
        return Optional.ofNullable(ROUTES.get(routeKey));
    }

    public static Needs required(String routeKey) {
        return of(routeKey).orElseThrow(() -> new IllegalStateException(routeKey + " is missing from RouteAccess: say who may call it"));
    }
}
