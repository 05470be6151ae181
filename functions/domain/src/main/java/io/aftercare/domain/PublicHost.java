package io.aftercare.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What makes a host a shop names safe for Aftercare to send a request to (its chat webhook, its WooCommerce store):
 * a name, not an IP literal, whose every address is public. DNS can change after the shop saved it, so the host is
 * resolved again right before each request.
 */
public final class PublicHost {

    /** Port: a host name's addresses (DNS in production, a table in tests). */
    @FunctionalInterface
    public interface Resolver {
        Resolver DNS = host -> List.of(InetAddress.getAllByName(host));

        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private PublicHost() {
    }

    /** IPv6 in brackets, or a numeric last label (no top-level domain is numeric: 127.1, 0x7f.1, 2130706433). */
    public static boolean isIpLiteral(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return host.startsWith("[") || last.matches("[0-9]+|0x[0-9a-f]*");
    }

    /** Loopback, private, link-local (with 169.254.169.254), any-local, multicast, CGNAT, unique-local (with fd00:ec2::254). */
    public static boolean isInternal(InetAddress address) {
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
}
