package io.aftercare.domain.ticket;

import io.aftercare.domain.InvalidInput;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A shop's chat webhook URL that Aftercare may POST to: https, no user info, a host name (not an IP literal) whose
 * every address is public. Checked when the settings are saved and again before each post, since DNS can change.
 * Refusals never repeat the URL or its host: the URL is a secret.
 */
public record ChatWebhookUrl(URI uri) {

    public static final String FIELD = "support.chatWebhookUrl";
    private static final String NOT_AN_IP = "the chat webhook must name a host, not an IP address";

    /** Port: a host name's addresses (DNS in production, a table in tests). */
    @FunctionalInterface
    public interface Resolver {
        Resolver DNS = host -> List.of(InetAddress.getAllByName(host));

        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** @param allowLoopback local development only: loopback hosts (and plain http to them) are accepted */
    public record Rules(Resolver resolver, boolean allowLoopback) {

        public static Rules production() {
            return new Rules(Resolver.DNS, false);
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
            boolean literal = isIpLiteral(host);
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
            if (addresses.stream().anyMatch(ChatWebhookUrl::isInternal)) {
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

    /** IPv6 in brackets, or a numeric last label (no top-level domain is numeric: 127.1, 0x7f.1, 2130706433). */
    static boolean isIpLiteral(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return host.startsWith("[") || last.matches("[0-9]+|0x[0-9a-f]*");
    }

    /** Loopback, private, link-local (with 169.254.169.254), any-local, multicast, CGNAT, unique-local (with fd00:ec2::254). */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return b[0] == 0 || (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 || (b[0] & 0xff) == 255;
        }
        if (address instanceof Inet6Address) {
            boolean embedsIpv4 = Arrays.equals(Arrays.copyOf(b, 12), new byte[12]);
            try {
                return (b[0] & 0xfe) == 0xfc || embedsIpv4 && isInternal(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    private static InvalidInput refused(String why) {
        return new InvalidInput(FIELD, why);
    }
}
