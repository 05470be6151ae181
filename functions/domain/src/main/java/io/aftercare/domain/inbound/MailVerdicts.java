package io.aftercare.domain.inbound;

/** The checks SES ran on a received message, as its receipt notification reports them. */
public record MailVerdicts(Verdict spam, Verdict virus, Verdict spf, Verdict dkim, Verdict dmarc) {

    /** SES's verdict values; {@code DISABLED} when the check was not run (the local runner runs none). */
    public enum Verdict { PASS, FAIL, GRAY, PROCESSING_FAILED, DISABLED }

    public static MailVerdicts notChecked() {
        return new MailVerdicts(Verdict.DISABLED, Verdict.DISABLED, Verdict.DISABLED, Verdict.DISABLED, Verdict.DISABLED);
    }
}
