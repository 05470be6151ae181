package io.aftercare.domain.ticket;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.PublicHost;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A shop's chat webhook URL that Aftercare may POST to: https, no user info, a {@link PublicHost}. Checked when the
 * settings are saved and again before each post, since DNS can change. Refusals never repeat the URL or its host: the
 * URL is a secret.
 */
public record ChatWebhookUrl(URI uri) {

    public static final String FIELD = "support.chatWebhookUrl";
    private static final String NOT_AN_IP = "the chat webhook must name a host, not an IP address";

    /** @param allowLoopback local development only: loopback hosts (and plain http to them) are accepted */
    public record Rules(PublicHost.Resolver resolver, boolean allowLoopback) {

        public static Rules production() {
            return new Rules(PublicHost.Resolver.DNS, false);
        }

        /** @throws InvalidInput naming {@link #FIELD} when Aftercare must not post to {@code url} */
        public ChatWebhookUrl check(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw refused("the chat webhook is not a valid URL: " + e.getReason() + " at character " + e.getIndex());
            }
            String host = uri.getHost();
            if (host == null || !("https".equals(uri.getScheme()) || allowLoopback && "http".equals(uri.getScheme()))) {
                throw refused("the chat webhook must be an https URL with a host");
            }
            if (uri.getRawUserInfo() != null) {
                throw refused("the chat webhook must not carry a user name or password");
            }
            boolean literal = PublicHost.isIpLiteral(host);
            if (literal && !allowLoopback) {
                throw refused(NOT_AN_IP);
            }
            List<InetAddress> addresses = addresses(host, literal);
            if (allowLoopback && addresses.stream().allMatch(InetAddress::isLoopbackAddress)) {
                return new ChatWebhookUrl(uri);
            }
            if (literal) {
                throw refused(NOT_AN_IP);
            }
            if (addresses.stream().anyMatch(PublicHost::isInternal)) {
                throw refused("the chat webhook's host resolves to a loopback, private, link-local or metadata address");
            }
            if (!"https".equals(uri.getScheme())) {
                throw refused("the chat webhook must be an https URL with a host");
            }
            return new ChatWebhookUrl(uri);
        }

        private List<InetAddress> addresses(String host, boolean literal) {
            try {
                // a literal is parsed, not looked up; only loopback ones are ever accepted
                List<InetAddress> found = literal ? List.of(InetAddress.getByName(host)) : resolver.resolve(host);
                if (found.isEmpty()) {
                    throw new UnknownHostException();
                }
                return found;
            } catch (UnknownHostException e) {
                throw refused("the chat webhook's host does not resolve");
            }
        }
    }

    private static InvalidInput refused(String why) {
        return new InvalidInput(FIELD, why);
    }
}
