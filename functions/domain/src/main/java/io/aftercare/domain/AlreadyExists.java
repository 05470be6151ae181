package io.aftercare.domain;

/** The write would create what exists already (a shop id, a complaint's ticket): nothing was written, and retrying cannot help. */
public class AlreadyExists extends Conflict {
    public AlreadyExists(String message) {
        super(message);
    }
}
