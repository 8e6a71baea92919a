package org.skypatrol.gateway;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * The listening side shared by the gateway's small HTTP servers (replay, broadcast, metrics): one
 * event-loop thread of its own, a read timeout so an idle or slow client cannot hold a connection,
 * bounded request lines, headers and bodies (an oversized request is answered by Netty's codec, never
 * buffered), and each request handed whole ({@code FullHttpRequest}) to a handler made per connection.
 */
public final class HttpListener implements AutoCloseable {

    /**
     * @param readTimeoutSeconds a connection silent this long is closed
     * @param maxInitialLine     longest request line (method, URI, version) in bytes
     * @param maxContent         largest request body in bytes
     */
    public record Limits(int readTimeoutSeconds, int maxInitialLine, int maxContent) {
    }

    private static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_CHUNK_BYTES = 8192;

    private final EventLoopGroup group;
    private final Channel server;
    private final long quietSeconds;

    private HttpListener(EventLoopGroup group, Channel server, long quietSeconds) {
        this.group = group;
        this.server = server;
        this.quietSeconds = quietSeconds;
    }

    /**
     * Listens on {@code host:port} (port 0: any free port, see {@link #port()}).
     *
     * @param handler       a new handler for every connection (handlers here keep per-connection state)
     * @param quietSeconds  how long {@link #close()} lets work in flight finish
     * @throws Exception the bind failure as Netty reports it (a {@link java.net.BindException} for a taken
     *                   port); nothing is left running then
     */
    public static HttpListener bind(String host, int port, Limits limits, Supplier<ChannelHandler> handler,
                                    long quietSeconds) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new ReadTimeoutHandler(limits.readTimeoutSeconds()),
                                    new HttpServerCodec(limits.maxInitialLine(), MAX_HEADER_BYTES, MAX_CHUNK_BYTES),
                                    new HttpObjectAggregator(limits.maxContent()), handler.get());
                        }
                    }).bind(host, port).sync().channel();
            return new HttpListener(group, server, quietSeconds);
        } catch (Exception | Error e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** The bound port (the real one when asked for port 0). */
    public int port() {
        return address().getPort();
    }

    /** {@code host:port} as a client on this machine reaches it (a wildcard bind becomes 127.0.0.1). */
    public String hostPort() {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, quietSeconds, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
