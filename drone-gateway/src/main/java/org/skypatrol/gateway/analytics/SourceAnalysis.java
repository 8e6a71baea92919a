package org.skypatrol.gateway.analytics;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.skypatrol.analytics.detect.Detectors;
import org.skypatrol.analytics.events.AlertEvent;
import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.pipeline.AnalysisLoop;
import org.skypatrol.analytics.pipeline.AnalysisPipeline;
import org.skypatrol.analytics.pipeline.FrameResult;
import org.skypatrol.analytics.pipeline.FrameQueue;
import org.skypatrol.analytics.pipeline.PipelineOptions;
import org.skypatrol.analytics.scene.Scene;
import org.skypatrol.analytics.track.TrackerSettings;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.protocols.mqtt.AlertPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live analysis of one video source, on two threads of its own (STYLE.md, one analysis thread
 * per source): a grab thread decodes through {@link LiveFrameSource} into a bounded {@link FrameQueue}
 * that drops the oldest frame when the analysis is behind (counted), and the analysis thread runs the
 * library's {@link AnalysisPipeline}. Alert phases are written to the {@link AlertStore} and published
 * on the {@link EventBus} as {@link org.skypatrol.gateway.events.AlertEvent} (the MQTT bridge takes
 * them to {@code {p}/alerts/{sourceId}}). Nothing here runs on ingest, recording or Netty threads.
 */
final class SourceAnalysis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceAnalysis.class);
    /** Frames waiting for the analysis: enough to ride out a slow frame, small enough to stay live. */
    static final int QUEUE_FRAMES = 4;

    /** GOPs of a published stream waiting for the decoder (the one being decoded included). */
    static final int QUEUE_GOPS = 3;
    /** Bytes of a published stream waiting for the decoder: several seconds of 1080p. */
    static final long QUEUE_BYTES = 32L * 1024 * 1024;

    /**
     * What the analysis needs to know about its source.
     *
     * @param url the pulled source's URL, or null for a stream published to the gateway (frames from
     *            its feed through {@link #publishedInput()})
     */
    record Spec(String sourceId, String url, boolean loop, boolean realTime, int timeoutSeconds, String droneId,
                Scene scene, double fps, Path model, Path dataDir, Duration preRoll, Duration postRoll,
                boolean recorded) {

        boolean published() {
            return url == null;
        }
    }

    private final Spec spec;
    private final Clock clock;
    private final Instant epoch;
    private final String runTag;
    private final EventBus events;
    private final AlertStore store;
    private final DronePoses poses;
    private final Consumer<AnalysisFrame> beforeAnalysis;
    private final FrameQueue queue = new FrameQueue(QUEUE_FRAMES, FrameQueue.Policy.DROP_OLDEST);
    private final Map<String, Instant> openAlerts = new HashMap<>();      // analysis thread only
    private final AtomicLong alertPhases = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private final LiveFrames frames;
    private final GopQueue published;               // a published stream's units, else null
    private AnalysisPipeline pipeline;
    private Thread grabThread;
    private Thread analysisThread;
    private volatile boolean stopped;               // the analysis thread has ended
    private volatile String lastError;              // the analysis' own (a frame failed, a thread failed)
    private volatile String lastAlert;
    private volatile long analysedFrames;
    private volatile long withoutPose;
    private final long[] threadCpu = new long[2];      // grab, analysis: last known CPU ns

    /**
     * @param poses          the tied drone's poses, or null for a fixed camera
     * @param beforeAnalysis called on the analysis thread before each frame (counters, tests); may be null
     * @param beforeDecode   a published stream: called on the decode thread before each access unit (tests); may be null
     */
    SourceAnalysis(Spec spec, Clock clock, Instant epoch, String runTag, EventBus events, AlertStore store,
                   DronePoses poses, Consumer<AnalysisFrame> beforeAnalysis, Runnable beforeDecode) {
        this.spec = spec;
        this.clock = clock;
        this.epoch = epoch;
        this.runTag = runTag;
        this.events = events;
        this.store = store;
        this.poses = poses;
        this.beforeAnalysis = beforeAnalysis;
        if (spec.published()) {
            this.published = new GopQueue(QUEUE_GOPS, QUEUE_BYTES, this::secondsSinceEpoch);
            this.frames = new PublishedFrames(published, spec.fps(), beforeDecode);
        } else {
            this.published = null;
            this.frames = new PulledFrames(spec.sourceId(), spec.url(), new LiveFrameSource(spec.url(), spec.loop(),
                    spec.realTime(), spec.timeoutSeconds(), spec.fps(), secondsSinceEpoch()), this::secondsSinceEpoch);
        }
    }

    /** For a published stream: what its feed hands the access units to (attach with SourceFeed.addListener). */
    GopQueue publishedInput() {
        return published;
    }

    /** Builds the pipeline (a missing or incompatible model fails here) and starts both threads. */
    void start() throws Exception {
        Path evidence = spec.dataDir().resolve("evidence").resolve(spec.sourceId()).resolve(runTag);
        pipeline = new AnalysisPipeline(spec.scene(), Detectors.create(spec.model(), spec.scene()),
                new PipelineOptions(evidence, LocalDateTime.ofInstant(epoch, ZoneId.systemDefault()),
                        TrackerSettings.defaults()),
                this::onAlert);
        grabThread = new Thread(this::decodeLoop,
                (spec.published() ? "analytics-decode-" : "analytics-grab-") + spec.sourceId());
        grabThread.setDaemon(true);
        analysisThread = new Thread(this::analysisLoop, "analytics-" + spec.sourceId());
        analysisThread.setDaemon(true);
        analysisThread.start();
        grabThread.start();
    }

    private double secondsSinceEpoch() {
        return Duration.between(epoch, clock.instant()).toNanos() / 1e9;
    }

    /** Decodes into the analysis queue until stopped (a pulled source reconnects, publishers come and go). */
    private void decodeLoop() {
        try {
            frames.run(queue);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            lastError = e.toString();
            log.error("analytics {}: decode thread failed", spec.sourceId(), e);
        } finally {
            frames.stop();
            queue.close();
        }
    }

    private void analysisLoop() {
        try {
            AnalysisLoop.run(queue, pipeline,
                    t -> poses == null ? Optional.empty() : poses.at(frameTime(t)), new AnalysisLoop.Hooks() {
                        @Override
                        public void before(AnalysisFrame f) {
                            if (beforeAnalysis != null) {
                                beforeAnalysis.accept(f);
                            }
                        }

                        @Override
                        public void after(Optional<FrameResult> result, AnalysisFrame f) {
                            analysedFrames = pipeline.framesAnalysed();
                            withoutPose = pipeline.framesWithoutPose();
                        }

                        @Override
                        public void failed(AnalysisFrame f, RuntimeException e) {
                            lastError = e.toString();     // live: one bad frame does not end the analysis
                            log.warn("analytics {}: frame {} failed", spec.sourceId(), f.index(), e);
                        }
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.discardRemaining();
            pipeline.finish();                          // ends the open alerts (published as 'end')
            pipeline.close();
            stopped = true;
        }
    }

    private Instant frameTime(double timelineSeconds) {
        return epoch.plusNanos((long) (timelineSeconds * 1e9));
    }

    /** On the analysis thread (inside {@code pipeline.process} or {@code finish}). */
    private void onAlert(AlertEvent e) {
        String id = AlertMapper.alertId(spec.sourceId(), runTag, e.alertId());
        Instant time = frameTime(e.videoTimeSeconds());
        Instant started = e.phase() == org.skypatrol.analytics.events.Phase.START
                ? time : openAlerts.getOrDefault(id, time);
        if (e.phase() == org.skypatrol.analytics.events.Phase.START) {
            openAlerts.put(id, started);
        } else if (e.phase() == org.skypatrol.analytics.events.Phase.END) {
            openAlerts.remove(id);
        }
        // snapshot: the JPEG as the gateway opens it (the video part's evidence export copies it);
        // clip: where the video part's EvidenceExporter writes it when the alert ends (recorded
        // sources), else the time range to export
        String clip = spec.recorded()
                ? spec.dataDir().resolve("evidence").resolve(id).resolve("clip.mp4").toString()
                : AlertMapper.clipRef(spec.sourceId(), started, spec.preRoll(), spec.postRoll());
        AlertPayload payload = AlertMapper.toPayload(e, spec.sourceId(), id, time, started, e.snapshot(), clip);
        try {
            store.record(payload);
        } catch (SQLException | RuntimeException ex) {
            storeFailures.incrementAndGet();
            store.failed();
            log.warn("analytics {}: cannot store alert {}: {}", spec.sourceId(), id, ex.toString());
        }
        alertPhases.incrementAndGet();
        lastAlert = payload.behaviour() + " " + e.phase().id() + (payload.zoneId() == null ? "" : " in " + payload.zoneId());
        events.publish(new org.skypatrol.gateway.events.AlertEvent(payload));
    }

    /**
     * CPU seconds of this source's threads (ThreadMXBean): [0] the grab/decode thread, [1] both
     * threads; the last value once a thread ended; NaN if unsupported.
     */
    private synchronized double[] cpuSeconds() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long total = 0;
        for (int i = 0; i < threadCpu.length; i++) {
            Thread t = i == 0 ? grabThread : analysisThread;
            long ns = t == null ? -1 : mx.getThreadCpuTime(t.getId());
            if (ns >= 0) {
                threadCpu[i] = ns;
            }
            total += threadCpu[i];
        }
        return new double[] {threadCpu[0] / 1e9, total / 1e9};
    }

    SourceCounters counters() {
        double[] cpu = cpuSeconds();
        var s = frames.stats();
        String state = stopped && !"ended".equals(frames.state()) ? "stopped" : frames.state();
        return new SourceCounters(spec.sourceId(), state, s.decoded.get(), s.skipped.get(), queue.dropped(),
                analysedFrames, withoutPose, s.decodeErrors.get(), frames.reconnects(), alertPhases.get(),
                storeFailures.get(), cpu[1], cpu[0], lastAlert, lastError != null ? lastError : frames.lastError(),
                frames.droppedGops(), frames.lostUnits());
    }

    String sourceId() {
        return spec.sourceId();
    }

    /** Time spent per pipeline stage (the metrics read it; the pipeline is built in start, before this is listed). */
    org.skypatrol.analytics.pipeline.StageTimings timings() {
        return pipeline.timings();
    }

    /** Stops both threads; open alerts end (published) before this returns. */
    @Override
    public void close() {
        frames.stop();
        if (grabThread == null) {
            return;
        }
        grabThread.interrupt();                         // wakes a backoff wait or a paced file
        queue.close();
        join(grabThread);
        join(analysisThread);
    }

    private void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
