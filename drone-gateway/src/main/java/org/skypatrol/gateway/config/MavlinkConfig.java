package org.skypatrol.gateway.config;

import java.util.List;

/** The {@code mavlink} section: endpoints (UDP/TCP servers) that drones connect to. */
public record MavlinkConfig(List<Endpoint> endpoints) {

    /** One listening endpoint. */
    public record Endpoint(String name, Transport transport, String bind, int port) {
    }

    /** Endpoint transport. */
    public enum Transport { UDP, TCP }

    public static MavlinkConfig defaults() {
        return new MavlinkConfig(List.of(
                new Endpoint("udp", Transport.UDP, "0.0.0.0", 14550),
                new Endpoint("tcp", Transport.TCP, "0.0.0.0", 5760)));
    }

    void validate(Problems p) {
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint e = endpoints.get(i);
            String path = "mavlink.endpoints[" + i + "]";
            p.check(e.name() != null && !e.name().isBlank(), path + ".name", "is required");
            p.check(e.transport() != null, path + ".transport", "must be UDP or TCP");
            p.checkPort(e.port(), path + ".port");
        }
    }
}
