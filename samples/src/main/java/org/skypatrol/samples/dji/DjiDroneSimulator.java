package org.skypatrol.samples.dji;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.skypatrol.protocols.mqtt.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DJI-style aircraft behind a dock/RC gateway, speaking the DJI Cloud API on an MQTT broker:
 * {@code update_topo} on {@code sys/product/{gateway}/status} at start, aircraft osd on
 * {@code thing/product/{sn}/osd} (0.5 Hz like the real device) and, optionally, DRC
 * {@code osd_info_push} on {@code thing/product/{gateway}/drc/up} (10 Hz). It flies a circle of
 * {@code radiusMetres} around a centre at 60 m, so the gateway sees moving telemetry. Messages are
 * built from the documented field names (see protocols' DJI fixtures); publishing happens on the
 * simulator's own thread, never in a Paho callback.
 */
public final class DjiDroneSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DjiDroneSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to simulate. {@code drcHz} 0 turns DRC off. */
    public record Settings(String url, String aircraftSn, String gatewaySn, double osdHz, double drcHz,
                           double centreLat, double centreLon, double radiusMetres) {
    }

    private final Settings s;
    private final InstantSource clock;
    private final MqttAsyncClient client;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dji-drone-sim");
        t.setDaemon(true);
        return t;
    });
    private final long startMillis;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong seq = new AtomicLong();
    /** The dock's PSDK loudspeaker (answers speaker services on the gateway's topics). */
    private final DjiSpeakerSimulator speaker;

    public DjiDroneSimulator(Settings settings, InstantSource clock) throws MqttException {
        this.s = settings;
        this.clock = clock;
        this.startMillis = clock.millis();
        this.client = new MqttAsyncClient(settings.url(), "dji-sim-" + settings.aircraftSn(), new MemoryPersistence());
        this.speaker = new DjiSpeakerSimulator(settings.url(), settings.gatewaySn());
    }

    /** The simulated loudspeaker of this drone's dock. */
    public DjiSpeakerSimulator speaker() {
        return speaker;
    }

    public void start() throws MqttException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(true);
        o.setConnectionTimeout(10);
        client.connect(o).waitForCompletion(10_000);
        speaker.start();
        publish(Topics.djiStatus(s.gatewaySn()), topology(), 1);
        exec.scheduleAtFixedRate(() -> publish(Topics.djiOsd(s.aircraftSn()), osd(), 0), 0,
                Math.round(1000 / s.osdHz()), TimeUnit.MILLISECONDS);
        if (s.drcHz() > 0) {
            exec.scheduleAtFixedRate(() -> publish(Topics.djiDrcUp(s.gatewaySn()), drc(), 0), 50,
                    Math.round(1000 / s.drcHz()), TimeUnit.MILLISECONDS);
        }
        log.info("DJI drone {} (gateway {}) publishing osd at {} Hz, DRC at {} Hz to {}", s.aircraftSn(), s.gatewaySn(),
                s.osdHz(), s.drcHz(), s.url());
    }

    /** Messages published so far. */
    public long sent() {
        return sent.get();
    }

    private void publish(String topic, ObjectNode body, int qos) {
        if (!client.isConnected()) {
            return;
        }
        try {
            client.publish(topic, JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8), qos, false);
            sent.incrementAndGet();
        } catch (MqttException | com.fasterxml.jackson.core.JsonProcessingException e) {
            log.warn("publish to {} failed: {}", topic, e.toString());
        }
    }

    private ObjectNode envelope(String method) {
        ObjectNode e = JSON.createObjectNode();
        e.put("tid", UUID.randomUUID().toString());
        e.put("bid", UUID.randomUUID().toString());
        e.put("timestamp", clock.millis());
        e.put("gateway", s.gatewaySn());
        if (method != null) {
            e.put("method", method);
        }
        return e;
    }

    private ObjectNode topology() {
        ObjectNode e = envelope("update_topo");
        ObjectNode d = e.putObject("data");
        d.put("domain", "3").put("type", 144).put("sub_type", 0);
        d.putArray("sub_devices").addObject().put("sn", s.aircraftSn()).put("domain", "0").put("type", 89)
                .put("sub_type", 0).put("index", "A");
        return e;
    }

    /** Where the aircraft is on its circle now: lat, lon, heading (deg), speed (m/s). */
    private double[] pose() {
        double t = (clock.millis() - startMillis) / 1000.0;
        double speed = 8.0;
        double omega = speed / s.radiusMetres();
        double a = omega * t;
        double north = s.radiusMetres() * Math.cos(a);
        double east = s.radiusMetres() * Math.sin(a);
        double lat = s.centreLat() + north / 111_320.0;
        double lon = s.centreLon() + east / (111_320.0 * Math.cos(Math.toRadians(s.centreLat())));
        double heading = (Math.toDegrees(a) + 90) % 360; // tangent of a clockwise circle seen from above
        return new double[] {lat, lon, heading, speed};
    }

    private static double djiHead(double heading) {
        return heading > 180 ? heading - 360 : heading; // DJI reports -180..180
    }

    private ObjectNode osd() {
        double[] p = pose();
        ObjectNode e = envelope(null);
        ObjectNode d = e.putObject("data");
        d.put("latitude", p[0]).put("longitude", p[1]).put("height", 110.0).put("elevation", 60.0);
        d.put("attitude_head", djiHead(p[2])).put("attitude_pitch", -3.0).put("attitude_roll", 2.0);
        d.put("horizontal_speed", p[3]).put("vertical_speed", 0.0).put("mode_code", 5);
        double minutes = (clock.millis() - startMillis) / 60_000.0;
        int percent = (int) Math.max(5, 95 - minutes);
        ObjectNode b = d.putObject("battery").put("capacity_percent", percent).put("remain_flight_time", percent * 25);
        b.putArray("batteries").addObject().put("index", 0).put("capacity_percent", percent).put("voltage", 15_800);
        d.putObject("position_state").put("gps_number", 18).put("is_fixed", 2).put("quality", 5).put("rtk_number", 0);
        d.putObject("39-0-7").put("payload_index", "39-0-7").put("gimbal_pitch", -45.0).put("gimbal_roll", 0.0)
                .put("gimbal_yaw", djiHead(p[2]));
        return e;
    }

    private ObjectNode drc() {
        double[] p = pose();
        ObjectNode e = envelope("osd_info_push");
        e.put("seq", seq.incrementAndGet());
        ObjectNode d = e.putObject("data");
        double h = Math.toRadians(p[2]);
        d.put("latitude", p[0]).put("longitude", p[1]).put("height", 110.0);
        d.put("attitude_head", djiHead(p[2])).put("attitude_pitch", -3.0).put("attitude_roll", 2.0);
        d.put("speed_x", p[3] * Math.sin(h)).put("speed_y", p[3] * Math.cos(h)).put("speed_z", 0.0);
        d.put("gimbal_pitch", -45.0).put("gimbal_roll", 0.0).put("gimbal_yaw", djiHead(p[2]));
        return e;
    }

    @Override
    public void close() {
        exec.shutdownNow();
        speaker.close();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            log.debug("closing: {}", e.toString());
        }
    }

    /** Runs for {@code duration} (or until interrupted when zero). */
    public static void runFor(DjiDroneSimulator sim, Duration duration) throws InterruptedException {
        if (duration.isZero()) {
            Thread.currentThread().join();
        } else {
            Thread.sleep(duration.toMillis()); // the simulator's run time, as asked on the command line
        }
    }
}
