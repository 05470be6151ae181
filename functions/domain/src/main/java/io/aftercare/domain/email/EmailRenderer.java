package io.aftercare.domain.email;

/** Port: turns content into a subject, an HTML part and a plain-text part in the content's language. */
public interface EmailRenderer {

    Rendered render(EmailContent content);

    record Rendered(String subject, String html, String text) {
    }
}
