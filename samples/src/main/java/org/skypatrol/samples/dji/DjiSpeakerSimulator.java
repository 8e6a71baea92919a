package org.skypatrol.samples.dji;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.skypatrol.protocols.dji.speaker.DjiEnvelope;
import org.skypatrol.protocols.dji.speaker.SpeakerCodec;
import org.skypatrol.protocols.dji.speaker.SpeakerMethod;
import org.skypatrol.protocols.dji.speaker.SpeakerPayloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated DJI dock/RC with a PSDK loudspeaker on an MQTT broker: answers the speaker services
 * on {@code thing/product/{sn}/services} with {@code services_reply} ({@code result} 0), and after a
 * start service publishes the progress events ({@code in_progress} upload, {@code in_progress} play,
 * then {@code ok}, or {@code success} as DJI's own example spells it). "Plays" by logging.
 * Faults: {@link #dropNextReplies}, {@link #setReplyDelay}, {@link #setResult}.
 */
public final class DjiSpeakerSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DjiSpeakerSimulator.class);
    private static final Set<String> SERVICES = Set.of(SpeakerMethod.TTS_PLAY_START, SpeakerMethod.AUDIO_PLAY_START,
            SpeakerMethod.PLAY_STOP, SpeakerMethod.PLAY_VOLUME_SET, SpeakerMethod.PLAY_MODE_SET, SpeakerMethod.REPLAY);

    /** A service the dock received. */
    public record Received(String method, String tid, String bid, JsonNode data) {
    }

    private final String url;
    private final String gatewaySn;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dji-speaker-sim");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> spoken = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropNext = new AtomicInteger();
    private volatile Duration replyDelay = Duration.ZERO;
    private volatile Duration playTime = Duration.ZERO;
    private volatile int result;
    private volatile String finishedStatus = "ok";
    private MqttAsyncClient client;

    public DjiSpeakerSimulator(String url, String gatewaySn) {
        this.url = url;
        this.gatewaySn = gatewaySn;
    }

    public void start() throws MqttException {
        client = new MqttAsyncClient(url, "dji-sim-" + gatewaySn + "-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
                log.warn("DJI simulator MQTT error", e);
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                byte[] payload = m.getPayload().clone();
                exec.execute(() -> onService(payload));     // never publish inside a Paho callback
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(SpeakerMethod.servicesTopic(gatewaySn), 1).waitForCompletion(10_000);
    }

    /** The next {@code n} services_reply messages are lost. */
    public void dropNextReplies(int n) {
        dropNext.set(n);
    }

    public void setReplyDelay(Duration d) {
        replyDelay = d;
    }

    public void setPlayTime(Duration d) {
        playTime = d;
    }

    /** The {@code result} code of the next replies (0 ok). */
    public void setResult(int r) {
        result = r;
    }

    /** {@code ok} (the documented enum) or {@code success} (DJI's example). */
    public void setFinishedStatus(String s) {
        finishedStatus = s;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Texts and clip names played. */
    public List<String> spoken() {
        return List.copyOf(spoken);
    }

    private void onService(byte[] payload) {
        DjiEnvelope<JsonNode> e;
        try {
            e = SpeakerCodec.parse(payload);
        } catch (SpeakerCodec.SpeakerParseException ex) {
            log.warn("DJI simulator: bad service message: {}", ex.getMessage());
            return;
        }
        if (!SERVICES.contains(e.method())) {
            return;
        }
        received.add(new Received(e.method(), e.tid(), e.bid(), e.data()));
        boolean drop = dropNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        int code = result;
        if (!drop) {
            later(replyDelay, () -> publish(SpeakerMethod.servicesReplyTopic(gatewaySn), new DjiEnvelope<>(e.tid(),
                    e.bid(), System.currentTimeMillis(), e.method(), new SpeakerPayloads.ReplyData(code), null, null)));
        }
        if (code != 0) {
            return;
        }
        if (SpeakerMethod.TTS_PLAY_START.equals(e.method()) || SpeakerMethod.AUDIO_PLAY_START.equals(e.method())) {
            boolean tts = SpeakerMethod.TTS_PLAY_START.equals(e.method());
            JsonNode what = tts ? e.data().path("tts") : e.data().path("file");
            String md5 = what.path("md5").asText();
            int psdk = e.data().path("psdk_index").asInt();
            String content = tts ? what.path("text").asText() : what.path("name").asText();
            String event = tts ? SpeakerMethod.TTS_PLAY_START_PROGRESS : SpeakerMethod.AUDIO_PLAY_START_PROGRESS;
            log.info("DJI loudspeaker {}: playing \"{}\"", gatewaySn, content);
            spoken.add(content);
            later(replyDelay, () -> {
                progress(e.bid(), event, psdk, md5, "in_progress", 50, "upload");
                progress(e.bid(), event, psdk, md5, "in_progress", 0, "play");
                later(playTime, () -> progress(e.bid(), event, psdk, md5, finishedStatus, 100, "play"));
            });
        }
    }

    private void progress(String bid, String method, int psdk, String md5, String status, int percent, String step) {
        publish(SpeakerMethod.eventsTopic(gatewaySn), new DjiEnvelope<>(UUID.randomUUID().toString(), bid,
                System.currentTimeMillis(), method, new SpeakerPayloads.ProgressData(0,
                        new SpeakerPayloads.ProgressOutput(psdk, status, md5, new SpeakerPayloads.Progress(percent, step))),
                gatewaySn, null));
    }

    private void publish(String topic, DjiEnvelope<?> e) {
        try {
            client.publish(topic, SpeakerCodec.encode(e), 1, false);
        } catch (MqttException ex) {
            log.warn("DJI simulator publish failed: {}", ex.toString());
        }
    }

    private void later(Duration d, Runnable r) {
        if (d.isZero()) {
            r.run();
        } else {
            exec.schedule(r, d.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        try {
            if (client != null && client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
            if (client != null) {
                client.close();
            }
        } catch (MqttException e) {
            log.warn("closing the DJI simulator failed: {}", e.toString());
        }
        exec.shutdownNow();
    }
}
