package io.aftercare.domain.email;

/** Port: turns content into a subject, an HTML part and a plain-text part in the content's language. */
public interface EmailRenderer {

    Rendered render(EmailContent content);

    Rendered render(io.aftercare.domain.ticket.TicketEmailContent content);

    /** Renders an override with sample values, so a broken template is refused when saved, not when sent. */
    void check(TemplateOverride override);

    record Rendered(String subject, String html, String text) {
    }
}
