package io.aftercare.devkit;

import com.robothy.netty.initializer.HttpServerInitializer;
import com.robothy.s3.rest.bootstrap.LocalS3Mode;
import com.robothy.s3.rest.handler.LocalS3RouterFactory;
import com.robothy.s3.rest.service.ServiceFactory;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An S3-compatible server ({@code io.github.robothy:local-s3-rest} 2.4, in this JVM, in memory) reached with the AWS
 * SDK's own S3 client and presigner, path-style: the inbound bucket of the tests and the local runner. It listens on
 * the loopback address only: the library's own {@code start()} binds its port on every interface (Netty's
 * {@code bind(port)}, no address to give), so this serves the library's S3 request handling from a listener of its
 * own, bound to loopback.
 */
public final class LocalS3 implements AutoCloseable {

    private final Channel listener;
    private final EventLoopGroup[] groups;
    private final URI endpoint;
    private final S3Client client;

    private LocalS3(Channel listener, EventLoopGroup[] groups) {
        this.listener = listener;
        this.groups = groups;
        this.endpoint = URI.create("http://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort());
        this.client = LocalClients.local(S3Client.builder(), endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** Starts the server on a free loopback port with {@code bucket} made. */
    public static LocalS3 start(String bucket) {
        // it logs every missing key (S3's 404, which the callers handle) as an ERROR with a stack trace
        Configurator.setLevel("com.robothy", Level.OFF);
        // local-s3 leaves some request buffers to the garbage collector: Netty's leak detector would report each as an ERROR
        System.setProperty("io.netty.leakDetection.level", "disabled");
        EventLoopGroup[] groups = {new NioEventLoopGroup(1), new NioEventLoopGroup(2), new DefaultEventLoopGroup(2)};
        LocalS3 s3;
        try {
            Channel listener = new ServerBootstrap().group(groups[0], groups[1]).channel(NioServerSocketChannel.class)
                    .childHandler(new HttpServerInitializer(groups[2], LocalS3RouterFactory.create(services())))
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            s3 = new LocalS3(listener, groups);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(groups);
            throw new IllegalStateException("interrupted while the local S3 server started", e);
        }
        try {
            s3.client.createBucket(b -> b.bucket(bucket));
            return s3;
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    /**
     * The library's in-memory S3 services, made as its own {@code start()} makes them (the one method that does is
     * private: called reflectively, so the request handling is exactly the library's).
     */
    private static ServiceFactory services() {
        var library = com.robothy.s3.rest.LocalS3.builder().mode(LocalS3Mode.IN_MEMORY).build();
        try {
            var create = com.robothy.s3.rest.LocalS3.class.getDeclaredMethod("createServiceFactory");
            create.setAccessible(true);
            return (ServiceFactory) create.invoke(library);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("local-s3-rest no longer makes its services as 2.4 did: see LocalS3", e);
        }
    }

    public S3Client client() {
        return client;
    }

    /** A presigner for links to this server (links that open in a browser on this machine). */
    public S3Presigner presigner() {
        return S3Presigner.builder().endpointOverride(endpoint).region(LocalClients.REGION).credentialsProvider(LocalClients.CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The address it listens on (loopback). */
    public InetSocketAddress listening() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        client.close();
        listener.close().syncUninterruptibly();
        shutdown(groups);
    }

    private static void shutdown(EventLoopGroup[] groups) {
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully();
        }
    }
}
