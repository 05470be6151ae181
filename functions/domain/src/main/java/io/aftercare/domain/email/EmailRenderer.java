package io.aftercare.domain.email;

/** Port: turns content into a subject, an HTML part and a plain-text part in the content's language. */
public interface EmailRenderer {

    Rendered render(EmailContent content);

    Rendered render(TicketEmailContent content);

    /**
     * Refuses, when saved, an override that would not render or that reaches past its kind's documented values and
     * email-safe markup (rendering applies the same limits again).
     *
     * @throws io.aftercare.domain.InvalidInput naming the field at fault
     */
    void check(TemplateOverride override);

    record Rendered(String subject, String html, String text) {
    }
}
