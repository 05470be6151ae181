package io.aftercare.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.aftercare.devkit.TemplateResources;
import io.aftercare.lambda.Aftercare;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateRoutesTest {

    private final List<TemplateRoutes.Route> routes = TemplateRoutes.of(TemplateResources.fromRepository());

    @Test
    void givenTheTemplate_whenItsRoutesAreRead_thenTheWebhookAdminAndAgentRoutesAreAllThere() {
        assertThat(routes).extracting(TemplateRoutes.Route::routeKey).contains(
                "POST /webhooks/{platform}/{shop}", "POST /admin/shops", "GET /admin/shops/{shop}",
                "GET /api/shops/{shop}/orders/{orderId}/timeline", "GET /api/shops/{shop}/customers/{email}/timeline");
    }

    @Test
    void givenEachRoutesHandlerClass_whenLoaded_thenItIsALambdaRequestHandlerTheRunnerCanBuild() throws Exception {
        for (var route : routes) {
            Class<?> handler = Class.forName(route.handlerClass());
            assertThat(RequestHandler.class).as(route.handlerClass()).isAssignableFrom(handler);
            assertThat(handler.getConstructor(Aftercare.class)).isNotNull();
            assertThat(handler.getConstructor()).as("the no-argument constructor Lambda uses").isNotNull();
        }
    }

    @Test
    void givenARequestPath_whenMatched_thenOnlyTheRouteOfThatShapeAndMethodMatchesAndItsParametersAreRead() {
        var webhook = routes.stream().filter(r -> r.routeKey().equals("POST /webhooks/{platform}/{shop}")).findFirst().orElseThrow();

        assertThat(webhook.match("POST", List.of("webhooks", "shopify", "kettle"))).get()
                .isEqualTo(java.util.Map.of("platform", "shopify", "shop", "kettle"));
        assertThat(webhook.match("GET", List.of("webhooks", "shopify", "kettle"))).isEmpty();
        assertThat(webhook.match("POST", List.of("webhooks", "shopify"))).isEmpty();
    }
}
