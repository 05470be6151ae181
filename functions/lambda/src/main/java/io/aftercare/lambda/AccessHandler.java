package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.access.Access;
import io.aftercare.domain.access.AccessDenied;
import io.aftercare.domain.access.ApiToken;
import io.aftercare.domain.access.Caller;
import io.aftercare.domain.access.Member;
import io.aftercare.domain.shop.Role;
import io.aftercare.domain.access.Session;
import io.aftercare.domain.shop.Language;
import io.aftercare.email.SignInEmails;
import io.aftercare.lambda.http.Gate;
import io.aftercare.lambda.http.HttpRequest;
import io.aftercare.lambda.http.HttpResponses;
import io.aftercare.lambda.http.RoutedHandler;
import io.aftercare.lambda.http.Routes;
import io.aftercare.lambda.json.JsonViews;
import io.aftercare.lambda.json.TimelineJson;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.ZoneId;
import io.aftercare.domain.access.Preferences;

/**
 * Identity and access: signing in by emailed link ({@code /auth/...}), a shop's members and API tokens and its audit
 * trail ({@code /api/shops/{shop}/...}), and the shop's first owner ({@code /admin/...}, the admin token).
 */
public final class AccessHandler extends RoutedHandler {

    private static final Set<String> LINK = Set.of("email");
    private static final Set<String> NEW_MEMBER = Set.of("email", "role", "language");
    private static final Set<String> OWNER = Set.of("email", "language");
    private static final Set<String> ROLE = Set.of("role");
    private static final Set<String> NEW_TOKEN = Set.of("name", "role");
    private static final Set<String> CODE = Set.of("code", "recoveryCode");
    private static final Set<String> RULE = Set.of("requireSecondFactor");
    private static final Set<String> PREFERENCES = Set.of("language", "zone", "weeklySummary");

    public AccessHandler() {
        this(Aftercare.instance());
    }

    public AccessHandler(Aftercare app) {
        super(routes(app));
    }

    private static Routes routes(Aftercare app) {
        var shops = app.shops();
        var words = app.timelineWording();
        return Routes.guarded(app.gate())
                .on("POST /auth/link", request -> {
                    var body = JsonViews.readObject(request.body(), LINK);
                    app.access().requestLink(email(body.path("email").asText(null), "email"), request.sourceIp(),
                            request.origin().orElseGet(app::publicUrl));
                    // the same answer whether or not the address has an account
                    return HttpResponses.json(202, Map.of("status", "sent",
                            "message", "If this address belongs to a member, a sign-in link is on its way; it works once, for 15 minutes."));
                })
                .on("GET /auth/link/{token}", request -> HttpResponses.html(200, SignInEmails.confirmPage(
                        AgentApiHandler.language(request, Optional::empty))))
                .on("POST /auth/link/{token}", request -> {
                    refuseCrossSite(request, request.origin().orElseGet(app::publicUrl));
                    var opened = app.access().openSession(request.path("token"));
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(303)
                            // the location is relative: the API may sit under a stage's path
                            .withHeaders(Map.of("location", "../../console", "cache-control", "no-store", "referrer-policy", "no-referrer",
                                    "set-cookie", cookie(opened.sessionId(), Access.SESSION_VALID.toSeconds())))
                            .build();
                })
                .on("GET /auth/session", request -> {
                    Session session = app.access().session(request.cookie(Gate.SESSION_COOKIE).orElseThrow()).orElseThrow();
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("email", session.email().masked());
                    body.put("csrfToken", session.csrf());
                    body.put("expiresAt", session.expiresAt().toString());
                    body.put("secondFactor", session.secondFactor());
                    body.put("shops", app.access().memberships(session.email()).stream()
                            .map(m -> Map.of("shop", m.shop().value(), "role", m.role().slug(), "language", m.language().code())).toList());
                    body.put("preferences", app.preferences().find(session.email()).map(AccessHandler::view).orElse(null));
                    return HttpResponses.json(200, body);
                })
                .on("PUT /auth/preferences", request -> {
                    var body = JsonViews.readObject(request.body(), PREFERENCES);
                    EmailAddress person = ((Caller.Person) request.requireCaller()).email();
                    if (body.has("weeklySummary") && !body.get("weeklySummary").isBoolean()) {
                        throw new InvalidInput("weeklySummary", "true or false");
                    }
                    var preferences = new Preferences(
                            Language.fromLocale(JsonViews.requiredText(body, "language", 16)).filter(l -> l.code().equals(body.path("language").asText()))
                                    .orElseThrow(() -> new InvalidInput("language", "language must be one of en, ru, ro, pl")),
                            zone(JsonViews.requiredText(body, "zone", 64)),
                            // left out, it stays as it was: a console saving its language does not turn the summary back on
                            body.has("weeklySummary") ? body.get("weeklySummary").asBoolean()
                                    : app.preferences().find(person).map(Preferences::weeklySummary).orElse(Preferences.WEEKLY_SUMMARY_BY_DEFAULT));
                    app.preferences().save(person, preferences);
                    return HttpResponses.json(200, view(preferences));
                })
                .on("POST /auth/sign-out", request -> {
                    app.access().signOut(((Caller.Person) request.requireCaller()).sessionHash());
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                            .withHeaders(Map.of("content-type", "application/json; charset=utf-8", "cache-control", "no-store",
                                    "set-cookie", cookie("", 0)))
                            .withBody(JsonViews.write(Map.of("signedOut", true))).build();
                })
                .on("POST /auth/second-factor/enrol", request -> {
                    var enrolment = app.access().enrol((Caller.Person) request.requireCaller());
                    return HttpResponses.json(201, Map.of("secret", enrolment.secret(), "otpauthUri", enrolment.uri()));
                })
                .on("POST /auth/second-factor/confirm", request -> {
                    var body = JsonViews.readObject(request.body(), CODE);
                    var recovery = app.access().confirm((Caller.Person) request.requireCaller(), code(body, "code").orElseThrow(
                            () -> new InvalidInput("code", "code is required")));
                    return HttpResponses.json(200, Map.of("secondFactor", true, "recoveryCodes", recovery));
                })
                .on("POST /auth/second-factor", request -> {
                    var body = JsonViews.readObject(request.body(), CODE);
                    app.access().secondFactor((Caller.Person) request.requireCaller(), code(body, "code"), code(body, "recoveryCode"));
                    return HttpResponses.json(200, Map.of("secondFactor", true));
                })
                .on("PUT /api/shops/{shop}/access", request -> {
                    var body = JsonViews.readObject(request.body(), RULE);
                    if (!body.path("requireSecondFactor").isBoolean()) {
                        throw new InvalidInput("requireSecondFactor", "true or false");
                    }
                    var shop = shops.show(shop(request)).id();
                    app.access().requireSecondFactor(shop, body.path("requireSecondFactor").asBoolean());
                    return HttpResponses.json(200, Map.of("requireSecondFactor", app.access().requiresSecondFactor(shop)));
                })
                .on("POST /admin/shops/{shop}/owners", request -> {
                    var shop = shops.show(shop(request)).id();
                    var body = JsonViews.readObject(request.body(), OWNER);
                    return HttpResponses.json(201, view(app.access().invite(shop, request.requireCaller(), email(body.path("email").asText(null), "email"),
                            Role.OWNER, language(body)), request));
                })
                .on("GET /api/shops/{shop}/members", request -> HttpResponses.json(200,
                        Map.of("items", app.access().members(shop(request)).stream().map(member -> view(member, request)).toList())))
                .on("POST /api/shops/{shop}/members", request -> {
                    var body = JsonViews.readObject(request.body(), NEW_MEMBER);
                    return HttpResponses.json(201, view(app.access().invite(shop(request), request.requireCaller(),
                            email(body.path("email").asText(null), "email"), Role.of("role", body.path("role").asText("")), language(body)), request));
                })
                .on("PATCH /api/shops/{shop}/members/{memberId}", request -> {
                    var body = JsonViews.readObject(request.body(), ROLE);
                    return HttpResponses.json(200, view(app.access().changeRole(shop(request), request.requireCaller(), memberId(request),
                            Role.of("role", body.path("role").asText(""))), request));
                })
                .on("DELETE /api/shops/{shop}/members/{memberId}", request -> {
                    app.access().remove(shop(request), request.requireCaller(), memberId(request));
                    return HttpResponses.json(200, Map.of("removed", true));
                })
                .on("GET /api/shops/{shop}/tokens", request -> HttpResponses.json(200,
                        Map.of("items", app.access().tokens(shop(request)).stream().map(AccessHandler::view).toList())))
                .on("POST /api/shops/{shop}/tokens", request -> {
                    var body = JsonViews.readObject(request.body(), NEW_TOKEN);
                    var created = app.access().createToken(shop(request), request.requireCaller(),
                            JsonViews.requiredText(body, "name", 400),
                            Role.of("role", body.path("role").asText("")));
                    Map<String, Object> view = new LinkedHashMap<>(view(created.token()));
                    view.put("token", created.secret()); // shown this once: only its hash is kept
                    return HttpResponses.json(201, view);
                })
                .on("DELETE /api/shops/{shop}/tokens/{tokenId}", request -> {
                    app.access().revokeToken(shop(request), request.requireCaller(), Limits.atMost("tokenId", request.path("tokenId"), 64));
                    return HttpResponses.json(200, Map.of("revoked", true));
                })
                .on("GET /api/shops/{shop}/audit", request -> {
                    var shop = shops.show(shop(request));
                    return HttpResponses.json(200, TimelineJson.page(app.timelines().shopTimeline(shop.id(), Pages.from(request)),
                            new TimelineJson.Wording(words, AgentApiHandler.language(request, () -> Optional.of(shop.settings().defaultLanguage())))));
                });
    }

    /**
     * Login CSRF: a page elsewhere must not post a link of its own and sign the visitor in as them. A browser's
     * {@code Sec-Fetch-Site} says who started the post, and decides when present: the confirmation page posts to
     * itself ({@code same-origin}), though under its {@code no-referrer} policy its {@code Origin} is {@code null}.
     * Without it (older browsers), an {@code Origin} other than the public URL's, {@code null} included, is refused. A
     * client sending neither header is not a browser another site can drive, so it passes.
     */
    private static void refuseCrossSite(HttpRequest request, URI publicUrl) {
        Optional<String> fetchSite = request.header("sec-fetch-site");
        boolean crossSite = fetchSite.isPresent()
                ? !fetchSite.get().equals("same-origin") && !fetchSite.get().equals("none")
                : request.header("origin").filter(origin -> !origin.equalsIgnoreCase(publicUrl.getScheme() + "://" + publicUrl.getRawAuthority())).isPresent();
        if (crossSite) {
            throw AccessDenied.forbidden("cross_site", "Sign in from the link in your email, on its own page.");
        }
    }

    private record PreferencesView(String language, String zone, boolean weeklySummary) {
    }

    private static PreferencesView view(Preferences preferences) {
        return new PreferencesView(preferences.language().code(), preferences.zone().getId(), preferences.weeklySummary());
    }

    /** An IANA zone ({@code Europe/Warsaw}); offsets and abbreviations are not zones a person lives in. */
    private static ZoneId zone(String text) {
        try {
            if (ZoneId.getAvailableZoneIds().contains(text)) {
                return ZoneId.of(text);
            }
        } catch (java.time.DateTimeException ignored) {
            // refused below
        }
        throw new InvalidInput("zone", "zone must be an IANA time zone such as Europe/Warsaw");
    }

    /** The session cookie: script cannot read it, it goes only over HTTPS, and never with a request another site starts. */
    private static String cookie(String value, long maxAgeSeconds) {
        return Gate.SESSION_COOKIE + "=" + value + "; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=" + maxAgeSeconds;
    }

    /**
     * A member as the API shows them: masked, and whole ({@code address}) only to a person signed in as a member of
     * the shop (the route let them in), who works beside them and mentions them; a token or the admin token sees it masked.
     */
    private static Map<String, Object> view(Member member, HttpRequest request) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", member.id());
        view.put("email", member.email().masked());
        if (request.requireCaller() instanceof Caller.Person) {
            view.put("address", member.email().value());
        }
        view.put("role", member.role().slug());
        view.put("language", member.language().code());
        return view;
    }

    private static Map<String, Object> view(ApiToken token) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", token.id());
        view.put("name", token.name());
        view.put("role", token.role().slug());
        view.put("createdAt", token.createdAt().toString());
        view.put("createdBy", token.createdBy());
        view.put("lastUsedAt", token.lastUsedAt().map(Instant::toString).orElse(null));
        return view;
    }

    private static Language language(JsonNode body) {
        if (!body.hasNonNull("language")) {
            return Language.EN;
        }
        return Language.fromLocale(body.path("language").asText()).orElseThrow(() -> new InvalidInput("language", "one of en, ru, ro, pl"));
    }

    private static EmailAddress email(String value, String field) {
        if (value == null || !EmailAddress.isValid(value)) {
            throw new InvalidInput(field, "not an email address");
        }
        return new EmailAddress(value);
    }

    private static Optional<String> code(JsonNode body, String field) {
        return JsonViews.text(body, field, 64);
    }

    private static String memberId(HttpRequest request) {
        return Limits.atMost("memberId", request.path("memberId"), 64);
    }

    private static ShopId shop(HttpRequest request) {
        return new ShopId(request.path("shop"));
    }
}
