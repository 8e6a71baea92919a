package org.skypatrol.gateway.mavlink;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.gateway.drones.DroneRegistry;
import org.skypatrol.gateway.drones.LinkMonitor;
import org.skypatrol.gateway.drones.LinkPolicy;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.events.TelemetryEvent;

/** The real MAVLink side of the gateway on loopback with port 0 endpoints, as Wiring builds it. */
final class GatewayHarness implements AutoCloseable {

    final EventBus bus = new EventBus();
    final List<DroneStatusEvent> statuses = new CopyOnWriteArrayList<>();
    final List<TelemetryEvent> telemetry = new CopyOnWriteArrayList<>();
    final DroneRegistry registry;
    final MavlinkGateway gateway;
    final LinkMonitor monitor;

    GatewayHarness(MavlinkConfig config) throws Exception {
        bus.subscribe(DroneStatusEvent.class, statuses::add);
        bus.subscribe(TelemetryEvent.class, telemetry::add);
        LinkPolicy policy = LinkPolicy.ofSeconds(config.link().staleAfterSeconds(), config.link().offlineAfterSeconds());
        registry = new DroneRegistry(Clock.systemUTC(), bus, config.names(), policy);
        gateway = new MavlinkGateway(config, Clock.systemUTC(), bus, registry);
        monitor = new LinkMonitor(registry, gateway.scheduler(), LinkMonitor.periodFor(policy));
        gateway.start();
        monitor.start();
    }

    /** UDP endpoint "udp" and TCP endpoint "tcp" on 127.0.0.1, ephemeral ports. */
    static MavlinkConfig loopback(MavlinkConfig.Link link, List<MavlinkConfig.StreamRate> rates,
                                  MavlinkConfig.Commands commands, MavlinkConfig.Signing signing) {
        return new MavlinkConfig(List.of(
                new MavlinkConfig.Endpoint("udp", MavlinkConfig.Transport.UDP, "127.0.0.1", 0, signing),
                new MavlinkConfig.Endpoint("tcp", MavlinkConfig.Transport.TCP, "127.0.0.1", 0, signing)),
                Map.of(), link, rates, commands);
    }

    static MavlinkConfig loopback() {
        return loopback(MavlinkConfig.Link.defaults(), List.of(), MavlinkConfig.Commands.defaults(), null);
    }

    InetSocketAddress address(String endpoint) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(),
                gateway.endpoint(endpoint).orElseThrow().localAddress().getPort());
    }

    EndpointStats stats(String endpoint) {
        return gateway.endpoint(endpoint).orElseThrow().stats();
    }

    @Override
    public void close() {
        monitor.close();
        gateway.close();
    }
}
