package io.aftercare.domain.access;

import java.util.Optional;

/** The credential a request carried, not yet checked. */
public sealed interface Presented {

    record Nothing() implements Presented {
    }

    /** A session cookie's value, and the CSRF token sent beside it (a header), if any. */
    record SessionCookie(String id, Optional<String> csrf) implements Presented {
    }

    /** {@code Authorization: Bearer <token>}: an API token (the admin token is checked before). */
    record Bearer(String token) implements Presented {
    }
}
