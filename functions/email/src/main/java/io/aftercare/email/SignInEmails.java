package io.aftercare.email;

import com.samskivert.mustache.Escapers;
import io.aftercare.domain.access.Member;
import io.aftercare.domain.access.SignInMailer;
import io.aftercare.domain.email.EmailSender;
import io.aftercare.domain.email.OutgoingEmail;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.shop.ShopCache;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The staff email carrying a sign-in link, from the member's shop and in their language (the {@code signin.*}
 * messages), and the page that link opens: a button to confirm, so that a mail scanner fetching the link does not
 * use it up.
 */
public final class SignInEmails implements SignInMailer {

    private final EmailSender sender;
    private final ShopCache shops;
    private final Messages messages = Messages.shared();

    public SignInEmails(EmailSender sender, ShopCache shops) {
        this.sender = sender;
        this.shops = shops;
    }

    @Override
    public void send(Member membership, URI link, Duration validFor) {
        Shop shop = shops.find(membership.shop()).orElseThrow(() -> new IllegalStateException("a member's shop is gone"));
        Language language = membership.language();
        Map<String, Object> model = Map.of("brand", shop.settings().brandName(), "minutes", validFor.toMinutes());
        String body = messages.text(language, "signin.body", model);
        String ignore = messages.text(language, "signin.ignore", model);
        String url = link.toString();
        String html = "<p>" + Escapers.HTML.escape(body) + "</p><p><a href=\"" + Escapers.HTML.escape(url) + "\">"
                + Escapers.HTML.escape(url) + "</a></p><p>" + Escapers.HTML.escape(ignore) + "</p>";
        sender.send(new OutgoingEmail("Aftercare for " + shop.settings().brandName(), shop.settings().senderEmail(),
                shop.settings().replyToEmail(), membership.email(), messages.text(language, "signin.subject", model),
                html, body + "\n" + url + "\n\n" + ignore + "\n", Map.of(), Map.of("shop", shop.id().value(), "kind", "sign-in")));
    }

    /** The page a link opens: one button that posts it back. */
    public static String confirmPage(Language language) {
        Messages messages = Messages.shared();
        String title = Escapers.HTML.escape(messages.text(language, "signin.confirm.title", Map.of()));
        return "<!doctype html><html lang=\"" + language.code() + "\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title><meta name=\"viewport\" content=\"width=device-width\"></head><body><main><h1>" + title
                + "</h1><form method=\"post\"><button type=\"submit\">"
                + Escapers.HTML.escape(messages.text(language, "signin.confirm.button", Map.of())) + "</button></form></main></body></html>";
    }
}
