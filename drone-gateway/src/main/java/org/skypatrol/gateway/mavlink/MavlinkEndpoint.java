package org.skypatrol.gateway.mavlink;

import java.net.InetSocketAddress;

import org.skypatrol.gateway.config.MavlinkConfig;

import io.netty.channel.EventLoopGroup;

/** One listening MAVLink endpoint (UDP or TCP server) with its counters. */
public interface MavlinkEndpoint extends AutoCloseable {

    String name();

    MavlinkConfig.Transport transport();

    /** The bound address (the real port when configured with port 0); null before start. */
    InetSocketAddress localAddress();

    EndpointStats stats();

    /** Datagrams the kernel dropped on this socket, or -1 when unknown (TCP, or not Linux). */
    long kernelDrops();

    /** Binds and starts reading; throws if the port cannot be bound. */
    void start(EventLoopGroup group, TransportFactory transports) throws InterruptedException;

    @Override
    void close();

    /** {@code mavlink-udp} or {@code mavlink-tcp}: the transport drones are reported with. */
    default String transportName() {
        return "mavlink-" + transport().name().toLowerCase(java.util.Locale.ROOT);
    }
}
