package org.skypatrol.gateway.metrics;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.skypatrol.gateway.Service;
import org.skypatrol.gateway.analytics.LiveAnalytics;
import org.skypatrol.gateway.broadcast.BroadcastHttpApi;
import org.skypatrol.gateway.broadcast.BroadcastService;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.mavlink.MavlinkGateway;
import org.skypatrol.gateway.mqtt.MqttBridge;
import org.skypatrol.gateway.video.VideoModule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Every metric of the gateway in one Prometheus registry (Micrometer): each part's meters read the
 * counters that part already keeps, plus the JVM and process basics and the data disk. Parts are
 * added by {@link org.skypatrol.gateway.Wiring}'s metrics block; {@link #scrape()} re-binds them
 * first, so endpoints, video sources and transports that appeared since the last scrape show up.
 */
public final class GatewayMetrics implements Service {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<MeterBinder> parts = new CopyOnWriteArrayList<>();
    private JvmGcMetrics gc;

    /** The JVM, the process and the free space of {@code dataDir} (recordings, outbox, databases). */
    public GatewayMetrics(Path dataDir) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new DiskSpaceMetrics(dataDir.toAbsolutePath().toFile()).bindTo(registry);
    }

    public GatewayMetrics mavlink(MavlinkGateway mavlink) {
        return add(new MavlinkMeters(mavlink));
    }

    /** Drones by state and transport, and alerts by behaviour, from the bus (subscribes now). */
    public GatewayMetrics events(EventBus bus) {
        new AlertMeters(registry, bus);
        io.micrometer.core.instrument.FunctionCounter.builder("skypatrol.event.subscriber.failures", bus,
                        EventBus::subscriberFailures)
                .description("event bus subscribers that threw (isolated: the other subscribers still got the event)")
                .register(registry);
        return add(new DroneMeters(bus));
    }

    public GatewayMetrics mqtt(MqttBridge bridge, long outboxLimitBytes, Clock clock) {
        return add(new MqttMeters(bridge, outboxLimitBytes, clock));
    }

    /** @param http the broadcast HTTP API, or null when it is off */
    public GatewayMetrics broadcasts(BroadcastService service, BroadcastHttpApi http) {
        return add(new BroadcastMeters(service.counters(), http));
    }

    public GatewayMetrics video(VideoModule video) {
        return add(new VideoMeters(video));
    }

    public GatewayMetrics analytics(LiveAnalytics analytics) {
        return add(new AnalyticsMeters(analytics));
    }

    private GatewayMetrics add(MeterBinder part) {
        parts.add(part);
        return this;
    }

    /** The registry (tests, and parts that count something no one else counts). */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void start() {
        gc = new JvmGcMetrics(); // listens to GC notifications until closed
        gc.bindTo(registry);
        parts.forEach(p -> p.bindTo(registry));
    }

    /** The Prometheus text exposition (format 0.0.4) of every metric now. */
    public String scrape() {
        parts.forEach(p -> p.bindTo(registry));
        return registry.scrape();
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
