package org.skypatrol.gateway.broadcast;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.skypatrol.gateway.config.BroadcastConfig;
import org.skypatrol.protocols.dji.speaker.DjiEnvelope;
import org.skypatrol.protocols.dji.speaker.SpeakerCodec;
import org.skypatrol.protocols.dji.speaker.SpeakerMethod;
import org.skypatrol.protocols.dji.speaker.SpeakerPayloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loudspeaker broadcasts over the DJI Cloud API (PSDK speaker, docs/broadcast.md). One broadcast is
 * a short flow of services on {@code thing/product/{gateway_sn}/services}, all under one
 * {@code bid}: {@code speaker_play_volume_set} (when the volume changed),
 * {@code speaker_play_mode_set} (when single/loop changed), then {@code speaker_tts_play_start}
 * (text; {@code tts.md5} is the MD5 of the text) or {@code speaker_audio_play_start} (a configured
 * clip). Each service waits for its {@code services_reply} (matched by {@code tid},
 * {@code result} 0 = ok); no reply within {@code replyTimeoutMillis} → re-sent with a fresh
 * {@code tid}, up to {@code retries} times, then {@code timeout}. After the start service is
 * acknowledged (delivered) the {@code speaker_*_play_start_progress} events (matched by gateway and
 * md5) report {@code in_progress} (playing) and {@code ok}/{@code success} (done).
 */
public final class DjiSpeakerTransport implements DroneSpeakerTransport {

    private static final Logger log = LoggerFactory.getLogger(DjiSpeakerTransport.class);

    private final DjiSpeakerLink link;
    private final BroadcastConfig.Dji config;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    /** Flows waiting for a services_reply, by tid. */
    private final Map<String, Flow> byTid = new ConcurrentHashMap<>();
    /** The flow playing per gateway sn (progress events name only the gateway and md5). */
    private final Map<String, Flow> byGateway = new ConcurrentHashMap<>();
    /** Volume and mode last confirmed per gateway, so they are only set when they change. */
    private final Map<String, Integer> volumes = new ConcurrentHashMap<>();
    private final Map<String, Integer> modes = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong badMessages = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();

    public DjiSpeakerTransport(DjiSpeakerLink link, BroadcastConfig.Dji config, ScheduledExecutorService scheduler,
                               Clock clock) {
        this.link = link;
        this.config = config;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "dji";
    }

    @Override
    public boolean serves(String droneId) {
        return link.gatewaySn(droneId) != null;
    }

    @Override
    public Playback play(SpeakerOrder order, Listener listener) {
        String sn = link.gatewaySn(order.droneId());
        Flow f = new Flow(order, listener, sn);
        if (sn == null) {
            listener.progress(Stage.FAILED, "no DJI gateway for " + order.droneId());
            return f;
        }
        String problem = f.plan();
        if (problem != null) {
            listener.progress(Stage.FAILED, problem);
            return f;
        }
        Flow old = byGateway.put(sn, f);
        if (old != null) {
            old.close();
        }
        f.next();
        return f;
    }

    /** A message a DJI device published on {@code topic} (services_reply or events). */
    public void onDeviceMessage(String topic, byte[] payload) {
        String sn = SpeakerMethod.gatewaySnOf(topic);
        if (sn == null) {
            return;
        }
        DjiEnvelope<JsonNode> e;
        try {
            e = SpeakerCodec.parse(payload);
        } catch (SpeakerCodec.SpeakerParseException ex) {
            countBad(topic, ex.getMessage());
            return;
        }
        try {
            if (topic.endsWith("/services_reply")) {
                Flow f = byTid.get(e.tid());
                if (f == null) {
                    unmatched.incrementAndGet();
                    return;
                }
                f.onReply(e.tid(), SpeakerCodec.data(e, SpeakerPayloads.ReplyData.class).result());
            } else if (topic.endsWith("/events") && (SpeakerMethod.TTS_PLAY_START_PROGRESS.equals(e.method())
                    || SpeakerMethod.AUDIO_PLAY_START_PROGRESS.equals(e.method()))) {
                SpeakerPayloads.ProgressData p = SpeakerCodec.data(e, SpeakerPayloads.ProgressData.class);
                Flow f = byGateway.get(sn);
                if (f == null || p.output() == null || !f.md5.equals(p.output().md5())) {
                    unmatched.incrementAndGet();
                    return;
                }
                f.onProgress(p);
            }
        } catch (SpeakerCodec.SpeakerParseException ex) {
            countBad(topic, ex.getMessage());
        }
    }

    private void countBad(String topic, String why) {
        long n = badMessages.incrementAndGet();
        if (n == 1 || n % 100 == 0) {
            log.warn("bad DJI speaker message on {}: {} ({} so far)", topic, why, n);
        }
    }

    /** One service to call in a flow. */
    private record Step(String method, Object data, Runnable onOk) {
    }

    /** One broadcast: its steps, the step in flight, and what has been reported. */
    private final class Flow implements Playback {
        final SpeakerOrder order;
        final Listener listener;
        final String sn;
        final String bid = UUID.randomUUID().toString();
        final List<Step> steps = new ArrayList<>();
        String md5 = "";
        int stepIndex = -1;
        int attempts;
        String tid;
        ScheduledFuture<?> timer;
        boolean delivered;
        boolean playing;
        boolean closed;

        Flow(SpeakerOrder order, Listener listener, String sn) {
            this.order = order;
            this.listener = listener;
            this.sn = sn;
        }

        /** Builds the steps; returns a problem when the order cannot be played over DJI. */
        String plan() {
            int psdk = config.psdkIndex();
            int volume = order.volumePercent();
            if (!Integer.valueOf(volume).equals(volumes.get(sn))) {
                steps.add(new Step(SpeakerMethod.PLAY_VOLUME_SET, new SpeakerPayloads.PlayVolumeSet(psdk, volume),
                        () -> volumes.put(sn, volume)));
            }
            int mode = order.loop() ? 1 : 0;
            if (!Integer.valueOf(mode).equals(modes.get(sn))) {
                steps.add(new Step(SpeakerMethod.PLAY_MODE_SET, new SpeakerPayloads.PlayModeSet(psdk, mode),
                        () -> modes.put(sn, mode)));
            }
            if (order.isText()) {
                // DJI's TTS has no repeat count: the text is spoken `repeat` times in one TTS job
                String text = String.join(" ", Collections.nCopies(order.loop() ? 1 : order.repeat(), order.text()));
                md5 = SpeakerCodec.md5(text);
                steps.add(new Step(SpeakerMethod.TTS_PLAY_START, new SpeakerPayloads.TtsPlayStart(psdk,
                        new SpeakerPayloads.Tts(order.commandId(), text, md5)), null));
            } else {
                BroadcastConfig.Clip clip = config.clips().stream()
                        .filter(c -> c.id() == order.clipId()).findFirst().orElse(null);
                if (clip == null) {
                    return "clip " + order.clipId() + " is not configured for DJI (broadcast.dji.clips)";
                }
                md5 = clip.md5().toLowerCase(java.util.Locale.ROOT);
                steps.add(new Step(SpeakerMethod.AUDIO_PLAY_START, new SpeakerPayloads.AudioPlayStart(psdk,
                        new SpeakerPayloads.AudioFile(clip.name(), clip.url(), md5, "pcm")), null));
            }
            return null;
        }

        synchronized void next() {
            if (closed) {
                return;
            }
            stepIndex++;
            attempts = 0;
            send();
        }

        private void send() {
            Step s = steps.get(stepIndex);
            if (tid != null) {
                byTid.remove(tid);
            }
            tid = UUID.randomUUID().toString();       // a fresh tid on every transmission (DJI: one per transaction)
            byTid.put(tid, this);
            attempts++;
            if (attempts > 1) {
                retried.incrementAndGet();
            }
            link.publish(SpeakerMethod.servicesTopic(sn), SpeakerCodec.encode(
                    DjiEnvelope.request(tid, bid, clock.millis(), s.method(), s.data())));
            published.incrementAndGet();
            if (timer != null) {
                timer.cancel(false);
            }
            timer = scheduler.schedule(this::onTimer, config.replyTimeoutMillis(), TimeUnit.MILLISECONDS);
        }

        private void onTimer() {
            String method;
            synchronized (this) {
                if (closed || delivered) {
                    return;
                }
                if (attempts <= config.retries()) {
                    send();
                    return;
                }
                method = steps.get(stepIndex).method();
                close();
            }
            listener.progress(Stage.TIMEOUT, "no services_reply to " + method + " after " + attempts + " attempts");
        }

        void onReply(String replyTid, int result) {
            boolean last;
            synchronized (this) {
                if (closed || !replyTid.equals(tid)) {
                    return;
                }
                byTid.remove(replyTid);
                timer.cancel(false);
                Step s = steps.get(stepIndex);
                if (result != 0) {
                    close();
                    listener.progress(Stage.FAILED, s.method() + " result " + result);
                    return;
                }
                if (s.onOk() != null) {
                    s.onOk().run();
                }
                last = stepIndex == steps.size() - 1;
                if (!last) {
                    next();
                    return;
                }
                delivered = true;
            }
            listener.progress(Stage.DELIVERED, "services_reply result 0");
        }

        void onProgress(SpeakerPayloads.ProgressData p) {
            Stage report;
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (p.result() != 0) {
                    close();
                    report = Stage.FAILED;
                } else if (p.output().finished()) {
                    close();
                    report = Stage.DONE;
                } else if (!playing && p.output().inProgress() && p.output().progress() != null
                        && "play".equals(p.output().progress().stepKey())) {
                    playing = true;
                    report = Stage.PLAYING;
                } else {
                    return;
                }
            }
            if (report == Stage.PLAYING || report == Stage.DONE) {
                if (!delivered) {
                    listener.progress(Stage.DELIVERED, "progress before services_reply");
                }
            }
            listener.progress(report, report == Stage.FAILED ? "progress result " + p.result() : null);
        }

        synchronized void close() {
            closed = true;
            if (timer != null) {
                timer.cancel(false);
            }
            if (tid != null) {
                byTid.remove(tid);
            }
            byGateway.remove(sn, this);
        }

        @Override
        public void stop() {
            boolean wasOpen;
            synchronized (this) {
                wasOpen = !closed;
                close();
            }
            if (wasOpen && sn != null) {
                link.publish(SpeakerMethod.servicesTopic(sn), SpeakerCodec.encode(DjiEnvelope.request(
                        UUID.randomUUID().toString(), bid, clock.millis(), SpeakerMethod.PLAY_STOP,
                        new SpeakerPayloads.PsdkIndex(config.psdkIndex()))));
            }
        }
    }

    public long published() {
        return published.get();
    }

    /** Services re-sent with a fresh tid after a reply timeout. */
    public long retried() {
        return retried.get();
    }

    /** Device messages that were not valid JSON envelopes or had bad data. */
    public long badMessages() {
        return badMessages.get();
    }

    /** Replies and progress events nothing was waiting for. */
    public long unmatched() {
        return unmatched.get();
    }
}
