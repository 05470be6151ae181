package io.aftercare.domain.webhook;

/** A signed delivery that cannot be understood: answered 400, nothing written. */
public class MalformedDelivery extends RuntimeException {

    public enum Problem {
        MALFORMED_JSON("malformed_json"), MISSING_HEADER("missing_header"), INVALID_PAYLOAD("invalid_payload");

        private final String code;

        Problem(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Problem problem;

    public MalformedDelivery(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
