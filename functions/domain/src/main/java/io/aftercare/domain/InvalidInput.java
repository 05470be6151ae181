package io.aftercare.domain;

/** Input that breaks a domain rule; the API answers it with a 400 and writes nothing. */
public class InvalidInput extends RuntimeException {

    private final String field;

    public InvalidInput(String message) {
        this(null, message);
    }

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault, when there is one. */
    public String field() {
        return field;
    }
}
