package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.NotFound;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.order.OrderId;
import io.aftercare.lambda.http.HttpRequest;
import io.aftercare.lambda.http.HttpResponses;
import io.aftercare.lambda.http.Routes;
import io.aftercare.lambda.json.TimelineJson;

/** {@code /api/shops/{shop}/...}: what support agents read: orders, customers and their timelines, newest first. */
public final class AgentApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Routes routes;

    public AgentApiHandler() {
        this(Aftercare.instance());
    }

    public AgentApiHandler(Aftercare app) {
        var timelines = app.timelines();
        this.routes = Routes.withAdminToken(app.adminAuth())
                .on("GET /api/shops/{shop}/orders/{orderId}", request -> HttpResponses.json(200, TimelineJson.order(
                        timelines.order(shop(request), order(request)).orElseThrow(() -> new NotFound("no such order")))))
                .on("GET /api/shops/{shop}/orders/{orderId}/timeline", request -> HttpResponses.json(200, TimelineJson.page(
                        timelines.orderTimeline(shop(request), order(request), Pages.from(request)))))
                .on("GET /api/shops/{shop}/customers/{email}", request -> HttpResponses.json(200, TimelineJson.customer(
                        timelines.customer(shop(request), email(request)).orElseThrow(() -> new NotFound("no such customer")))))
                .on("GET /api/shops/{shop}/customers/{email}/timeline", request -> HttpResponses.json(200, TimelineJson.page(
                        timelines.customerTimeline(shop(request), email(request), Pages.from(request)))));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(HttpRequest.of(event));
    }

    private static ShopId shop(HttpRequest request) {
        return new ShopId(request.path("shop"));
    }

    private static OrderId order(HttpRequest request) {
        return new OrderId(request.path("orderId"));
    }

    private static EmailAddress email(HttpRequest request) {
        String email = request.path("email");
        if (!EmailAddress.isValid(email)) {
            throw new InvalidInput("email", "not an email address");
        }
        return new EmailAddress(email);
    }
}
