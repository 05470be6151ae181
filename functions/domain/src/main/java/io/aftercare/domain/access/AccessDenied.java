package io.aftercare.domain.access;

/**
 * A request refused for who sent it: {@code 401} without a valid credential, {@code 403} when the credential is valid
 * but not enough here (another shop, a role too low, a missing CSRF token or second factor), {@code 429} too many.
 */
public final class AccessDenied extends RuntimeException {

    private final int status;
    private final String code;

    private AccessDenied(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static AccessDenied unauthenticated(String message) {
        return new AccessDenied(401, "unauthorized", message);
    }

    public static AccessDenied forbidden(String code, String message) {
        return new AccessDenied(403, code, message);
    }

    public static AccessDenied tooMany(String message) {
        return new AccessDenied(429, "too_many_requests", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
