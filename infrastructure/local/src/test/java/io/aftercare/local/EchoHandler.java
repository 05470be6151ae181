package io.aftercare.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.lambda.Aftercare;
import java.util.Map;

/** A route's handler that answers with what the HTTP API handed it, so that tests can see the event's mapping. */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final TemplateRoutes.Route ROUTE = new TemplateRoutes.Route("EchoFunction", EchoHandler.class.getName(), "POST", "/echo/{value}");

    public EchoHandler(Aftercare app) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            String echoed = new ObjectMapper().writeValueAsString(Map.of("value", event.getPathParameters().get("value"),
                    "rawPath", event.getRawPath(), "bodyLength", event.getBody().length()));
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("content-type", "application/json"))
                    .withBody(echoed).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
