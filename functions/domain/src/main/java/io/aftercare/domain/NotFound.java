package io.aftercare.domain;

/** The thing asked for does not exist (or belongs to another shop): answered with 404. */
public class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
