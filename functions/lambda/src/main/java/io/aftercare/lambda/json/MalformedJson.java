package io.aftercare.lambda.json;

/** A request body that is not the JSON object the route expects. */
public class MalformedJson extends RuntimeException {
    public MalformedJson(String message) {
        super(message);
    }
}
