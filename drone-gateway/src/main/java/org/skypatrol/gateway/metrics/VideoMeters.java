package org.skypatrol.gateway.metrics;

import java.util.Locale;

import org.skypatrol.gateway.events.CameraStatusEvent;
import org.skypatrol.gateway.video.RtspPublishServer;
import org.skypatrol.gateway.video.SourceFeed;
import org.skypatrol.gateway.video.VideoModule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Video sources and recording, read from each {@link SourceFeed} of the hub (label {@code source}:
 * configured sources, drones publishing over RTSP, discovered drone streams) and from the RTSP
 * publish server's counters. New feeds are picked up at the next scrape.
 */
final class VideoMeters implements MeterBinder {

    private final VideoModule video;
    private final java.util.Set<String> bound = java.util.concurrent.ConcurrentHashMap.newKeySet();

    VideoMeters(VideoModule video) {
        this.video = video;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        if (Meters.once(bound, "")) {
            bindStates(r);
        }
        for (SourceFeed f : video.hub().feeds()) {
            if (Meters.once(bound, "source:" + f.id())) {
                bindFeed(r, f);
            }
        }
    }

    private void bindStates(MeterRegistry r) {
        for (CameraStatusEvent.State state : CameraStatusEvent.State.values()) {
            Meters.gauge(r, "skypatrol.video.sources", null,
                    "video sources by state (streaming = up; connecting, reconnecting, stopped = down)",
                    Tags.of("state", state.name().toLowerCase(Locale.ROOT)), video,
                    v -> v.hub().feeds().stream().filter(f -> f.state() == state).count());
        }
        RtspPublishServer rtsp = video.rtsp();
        if (rtsp != null) {
            bindRtsp(r, rtsp.counters());
        }
    }

    private static void bindFeed(MeterRegistry r, SourceFeed f) {
        Tags t = Tags.of("source", f.id());
        Meters.gauge(r, "skypatrol.video.source.up", null, "1 while frames of the source are flowing", t, f,
                x -> Meters.bit(x.state() == CameraStatusEvent.State.STREAMING));
        Meters.gauge(r, "skypatrol.video.recording", null,
                "1 while a recording segment of the source is open (0: off, waiting for a keyframe, or paused: disk full)",
                t, f, x -> Meters.bit(x.recording()));
        Meters.counter(r, "skypatrol.video.received", "frames", "access units (frames) received from the source",
                t, f, SourceFeed::frames);
        Meters.counter(r, "skypatrol.video.dropped", "frames",
                "access units dropped because the recorder queue was full (or a listener failed)", t, f,
                SourceFeed::drops);
        Meters.counter(r, "skypatrol.video.restarts", null,
                "reconnects of a pulled source or new publishers taking over a published one", t, f,
                SourceFeed::restarts);
        Meters.counter(r, "skypatrol.video.recorded", "bytes", "MPEG-TS bytes written to the recordings", t, f,
                SourceFeed::recordedBytes);
    }

    private static void bindRtsp(MeterRegistry r, RtspPublishServer.Counters c) {
        Meters.gauge(r, "skypatrol.rtsp.open", "connections", "open RTSP connections", Tags.empty(), c,
                RtspPublishServer.Counters::open);
        Meters.counter(r, "skypatrol.rtsp.received", "connections",
                "RTSP connections received (refused ones included)", Tags.empty(), c,
                RtspPublishServer.Counters::connections);
        Meters.counter(r, "skypatrol.rtsp.refused", "connections",
                "RTSP connections refused (rtspServer.maxConnections reached)", Tags.empty(), c,
                RtspPublishServer.Counters::refused);
        Meters.counter(r, "skypatrol.rtsp.timed.out", "connections", "RTSP connections closed by the read timeout",
                Tags.empty(), c, RtspPublishServer.Counters::timedOut);
        Meters.counter(r, "skypatrol.rtsp.malformed", "requests",
                "RTSP requests refused as malformed or over a size limit", Tags.empty(), c,
                RtspPublishServer.Counters::malformed);
        Meters.counter(r, "skypatrol.rtsp.unauthorized", "requests", "RTSP requests refused for missing or wrong credentials",
                Tags.empty(), c, RtspPublishServer.Counters::unauthorized);
        Meters.counter(r, "skypatrol.rtsp.bad.rtp", "packets", "RTP packets that could not be depacketised",
                Tags.empty(), c, RtspPublishServer.Counters::badRtp);
        Meters.counter(r, "skypatrol.rtsp.unknown.channel", "frames",
                "interleaved frames on channels not set up (dropped)", Tags.empty(), c,
                RtspPublishServer.Counters::unknownChannelFrames);
    }
}
