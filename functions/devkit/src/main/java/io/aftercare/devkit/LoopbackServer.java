package io.aftercare.devkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The JDK's HTTP server bound to loopback, set up so that it answers without a Nagle stall. */
public final class LoopbackServer {

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm meets the
        // client's delayed ACK and every response stalls for about 40 ms. Read once, when the server class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackServer() {
    }

    /** @param port 0 for any free port */
    public static HttpServer create(int port, int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", port), backlog);
    }
}
