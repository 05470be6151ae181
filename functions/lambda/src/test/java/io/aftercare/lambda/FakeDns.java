package io.aftercare.lambda;

import io.aftercare.domain.PublicHost;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What hosts resolve to (chat webhooks, shop APIs), set by the test (and changed between save and send): no network involved. */
final class FakeDns implements PublicHost.Resolver {

    private final Map<String, List<InetAddress>> hosts = new ConcurrentHashMap<>();

    /** {@code host} resolves to {@code ip} (a literal, parsed without a lookup) from now on. */
    void answer(String host, String ip) {
        try {
            hosts.put(host, List.of(InetAddress.getByAddress(host, InetAddress.getByName(ip).getAddress())));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** These answers, and a public documentation address for any other host: shop APIs the tests serve locally. */
    PublicHost.Resolver orPublic() {
        return host -> hosts.containsKey(host) ? resolve(host) : List.of(InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 10}));
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> found = hosts.get(host);
        if (found == null) {
            throw new UnknownHostException();
        }
        return found;
    }
}
