package org.skypatrol.gateway.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.skypatrol.gateway.config.MavlinkConfig;

/**
 * Port choice for the demo: each service keeps its usual port when it is free on this machine,
 * else the operating system picks a free one (port 0), so the demo never collides with a running
 * gateway, ground station or broker.
 */
public final class DemoPorts {

    private DemoPorts() {
    }

    /** {@code port} if it can be bound now (TCP or UDP), else 0. */
    public static int freeOrAny(int port, boolean udp) {
        if (port == 0) {
            return 0;
        }
        try {
            if (udp) {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port))) {
                    return port;
                }
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(port));
                return port;
            }
        } catch (IOException e) {
            return 0;
        }
    }

    /** The MAVLink endpoints with each busy port (or every port, when {@code ephemeral}) replaced by 0. */
    public static MavlinkConfig mavlink(MavlinkConfig config, boolean ephemeral) {
        List<MavlinkConfig.Endpoint> endpoints = new ArrayList<>();
        for (MavlinkConfig.Endpoint e : config.endpoints()) {
            int port = ephemeral ? 0 : freeOrAny(e.port(), e.transport() == MavlinkConfig.Transport.UDP);
            endpoints.add(new MavlinkConfig.Endpoint(e.name(), e.transport(), e.bind(), port, e.signing()));
        }
        return config.withEndpoints(endpoints);
    }
}
