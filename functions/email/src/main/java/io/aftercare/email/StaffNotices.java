package io.aftercare.email;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.samskivert.mustache.Escapers;
import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.email.EmailSender;
import io.aftercare.domain.email.OutgoingEmail;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.ticket.ChatWebhookUrl;
import io.aftercare.domain.ticket.StaffNotifier;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices to the shop's people: an email to a contact through SES, and a post to the shop's Slack-compatible incoming
 * webhook ({@code {"text": ...}}) when it has one. A chat that is down does not stop the emails; what it answered
 * goes on the timeline. The URL is checked again right before each post (DNS can change since it was saved), redirects
 * are not followed, and the text is escaped as Slack requires so that a customer's {@code <!channel>} or
 * {@code <url|label>} arrives as plain text.
 */
public final class StaffNotices implements StaffNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(StaffNotices.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmailSender sender;
    private final ChatWebhookUrl.Rules chatRules;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public StaffNotices(EmailSender sender, ChatWebhookUrl.Rules chatRules) {
        this.sender = sender;
        this.chatRules = chatRules;
    }

    @Override
    public String email(Shop shop, EmailAddress to, Notice notice) {
        return sender.send(new OutgoingEmail("Aftercare for " + shop.settings().brandName(), shop.settings().senderEmail(),
                shop.settings().replyToEmail(), to, notice.subject(),
                "<pre style=\"font-family:inherit;white-space:pre-wrap\">" + Escapers.HTML.escape(notice.text()) + "</pre>", notice.text() + "\n",
                Map.of(), Map.of("shop", shop.id().value(), "kind", "staff-notice")));
    }

    @Override
    public Optional<String> chat(Shop shop, Notice notice) {
        return shop.settings().support().chatWebhookUrl().map(url -> post(url.reveal(), notice));
    }

    private String post(String url, Notice notice) {
        String body = chatBody(notice);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(chatRules.check(url).uri()).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } catch (InvalidInput e) {
            // saved before settings were checked as they are now, or its host moved; the reason never names the URL (a secret)
            return "chat not posted: " + e.getMessage();
        }
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return "chat";
            }
            LOG.warn("the chat webhook answered {}", response.statusCode());
            return "chat failed (" + response.statusCode() + ")";
        } catch (IOException | RuntimeException e) {
            // the class only: the HTTP client's messages (and its causes') may quote the URL, the shop's secret
            LOG.warn("the chat webhook could not be reached: {}", e.getClass().getSimpleName());
            return "chat unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "chat interrupted";
        }
    }

    /** Slack's {@code {"text": ...}}: the subject in bold, then the text. */
    private static String chatBody(Notice notice) {
        return JSON.createObjectNode().put("text", "*" + slack(notice.subject()) + "*\n" + slack(notice.text())).toString();
    }

    /** Slack's escaping: the notice is plain text, so no {@code <...>} in it may become a mention or a link. */
    private static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
