package io.aftercare.email;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.email.EmailSender;
import io.aftercare.domain.email.OutgoingEmail;
import io.aftercare.domain.shop.Shop;
import io.aftercare.domain.ticket.StaffNotifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices to the shop's people: an email to each contact through SES, and a post to the shop's Slack-compatible
 * incoming webhook ({@code {"text": ...}}) when it has one. A chat that is down does not stop the emails; the timeline
 * says what reached whom.
 */
public final class StaffNotices implements StaffNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(StaffNotices.class);

    private final EmailSender sender;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public StaffNotices(EmailSender sender) {
        this.sender = sender;
    }

    @Override
    public String notify(Shop shop, List<EmailAddress> to, Notice notice) {
        List<String> reached = new ArrayList<>();
        for (EmailAddress contact : to) {
            sender.send(new OutgoingEmail("Aftercare for " + shop.settings().brandName(), shop.settings().senderEmail(),
                    shop.settings().replyToEmail(), contact, notice.subject(),
                    "<pre style=\"font-family:inherit;white-space:pre-wrap\">" + escape(notice.text()) + "</pre>", notice.text() + "\n",
                    Map.of(), Map.of("shop", shop.id().value(), "kind", "staff-notice")));
        }
        if (!to.isEmpty()) {
            reached.add("email to " + to.stream().map(EmailAddress::masked).collect(Collectors.joining(", ")));
        }
        shop.settings().support().chatWebhookUrl().ifPresent(url -> reached.add(post(url.reveal(), notice)));
        return reached.isEmpty() ? "nobody: no contacts are configured for it" : String.join("; ", reached);
    }

    private String post(String url, Notice notice) {
        String body = "{\"text\":" + jsonString("*" + notice.subject() + "*\n" + notice.text()) + "}";
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return "chat";
            }
            LOG.warn("the chat webhook answered {}", response.statusCode());
            return "chat failed (" + response.statusCode() + ")";
        } catch (IOException e) {
            LOG.warn("the chat webhook could not be reached: {}", e.toString());
            return "chat unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "chat interrupted";
        }
    }

    private static String jsonString(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
