package io.aftercare.domain;

/**
 * The write lost a race or would duplicate what exists: answered with 409, nothing written. Stores throw one of its two
 * kinds, {@link ChangedMeanwhile} or {@link AlreadyExists}, so callers can tell a retry that may succeed from one that cannot.
 */
public class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
