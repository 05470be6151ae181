package io.aftercare.domain;

/** The write lost a race or would duplicate what exists: answered with 409, nothing written. */
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
