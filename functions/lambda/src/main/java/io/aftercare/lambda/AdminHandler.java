package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.domain.DuplicateDelivery;
import io.aftercare.domain.ShopId;
import io.aftercare.lambda.http.HttpRequest;
import io.aftercare.lambda.http.HttpResponses;
import io.aftercare.lambda.http.RoutedHandler;
import io.aftercare.lambda.http.Routes;
import io.aftercare.lambda.json.DiscountJson;
import io.aftercare.lambda.json.JsonViews;
import io.aftercare.lambda.json.PrivacyJson;
import io.aftercare.lambda.json.ShopJson;
import io.aftercare.lambda.json.TemplateJson;
import io.aftercare.lambda.json.TimelineJson;
import java.util.Map;
import java.util.Optional;

/** {@code /admin/shops...}: register, list, show, update shops, rotate their webhook secrets, set their API access for discount codes or upload a pool of codes, and manage their own email templates, and make privacy requests for platforms without compliance webhooks. */
public final class AdminHandler extends RoutedHandler {

    public AdminHandler() {
        this(Aftercare.instance());
    }

    public AdminHandler(Aftercare app) {
        super(routes(app));
    }

    private static Routes routes(Aftercare app) {
        var shops = app.shops();
        var templates = app.templates();
        var chat = app.chatWebhooks();
        return Routes.withAdminToken(app.adminAuth())
                .on("POST /admin/shops", request -> {
                    var registration = ShopJson.registration(JsonViews.readObject(request.body(), ShopJson.REGISTRATION), chat);
                    var shop = shops.register(registration.id(), registration.settings(), registration.webhookSecret());
                    return HttpResponses.json(201, ShopJson.view(shop));
                })
                .on("GET /admin/shops", request -> HttpResponses.json(200,
                        TimelineJson.pageOf(shops.list(Pages.from(request)).map(ShopJson::view))))
                .on("GET /admin/shops/{shop}", request -> HttpResponses.json(200, ShopJson.view(shops.show(shop(request)))))
                .on("PATCH /admin/shops/{shop}", request -> {
                    var body = JsonViews.readObject(request.body(), ShopJson.SETTINGS);
                    return HttpResponses.json(200, ShopJson.view(shops.update(shop(request), current -> ShopJson.apply(body, current, chat))));
                })
                .on("POST /admin/shops/{shop}/webhook-secret", request -> {
                    var rotation = ShopJson.rotation(JsonViews.readObject(request.body(), ShopJson.ROTATION));
                    return HttpResponses.json(200, ShopJson.view(shops.rotateSecret(shop(request), rotation.webhookSecret(), rotation.overlap())));
                })
                .on("PUT /admin/shops/{shop}/discount-access", request -> {
                    var shop = shops.show(shop(request));
                    var access = DiscountJson.access(JsonViews.readObject(request.body(), DiscountJson.ACCESS), shop.settings().platform());
                    app.discountAccess().saveAccess(shop.id(), access);
                    return HttpResponses.json(200, DiscountJson.view(access));
                })
                .on("POST /admin/shops/{shop}/discount-pool", request -> {
                    var shop = shops.show(shop(request));
                    int added = app.discountPool().add(shop.id(), DiscountJson.codes(request.body()));
                    return HttpResponses.json(200, Map.of("added", added, "available", app.discountPool().available(shop.id())));
                })
                .on("POST /admin/shops/{shop}/privacy/data-requests", request ->
                        privacy(app, request, PrivacyJson.dataRequest(JsonViews.readObject(request.body(), PrivacyJson.DATA_REQUEST))))
                .on("POST /admin/shops/{shop}/privacy/customer-erasures", request ->
                        privacy(app, request, PrivacyJson.customerErasure(JsonViews.readObject(request.body(), PrivacyJson.CUSTOMER_ERASURE))))
                .on("POST /admin/shops/{shop}/privacy/shop-erasure", request ->
                        privacy(app, request, PrivacyJson.shopErasure(JsonViews.readObject(request.body(), PrivacyJson.SHOP_ERASURE))))
                .on("GET /admin/shops/{shop}/templates", request -> HttpResponses.json(200,
                        Map.of("items", templates.list(shop(request)).stream().map(TemplateJson::view).toList(), "kinds", TemplateJson.kinds())))
                .on("PUT /admin/shops/{shop}/templates/{kind}/{language}", request -> HttpResponses.json(200, TemplateJson.view(
                        templates.save(shop(request), TemplateJson.override(request.path("kind"), request.path("language"),
                                JsonViews.readObject(request.body(), TemplateJson.FIELDS))))))
                .on("DELETE /admin/shops/{shop}/templates/{kind}/{language}", request -> {
                    templates.delete(shop(request), TemplateJson.kind(request.path("kind")), TemplateJson.language(request.path("language")));
                    return HttpResponses.json(200, Map.of("deleted", true));
                });
    }

    /** Recorded as a job, answered at once (202); the same request id again is the same request, done once (200). */
    private static APIGatewayV2HTTPResponse privacy(Aftercare app, HttpRequest request, PrivacyJson.Asked asked) {
        var shop = app.shops().show(shop(request));
        try {
            String job = app.privacy().accept(shop.id(), asked.request(), asked.requestId(), "the admin API", Optional.empty(), "admin");
            return HttpResponses.json(202, Map.of("status", "accepted", "requestId", asked.requestId(), "job", job));
        } catch (DuplicateDelivery again) {
            return HttpResponses.json(200, Map.of("status", "duplicate", "requestId", asked.requestId()));
        }
    }

    private static ShopId shop(HttpRequest request) {
        return new ShopId(request.path("shop"));
    }
}
