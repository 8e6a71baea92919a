package org.skypatrol.gateway.video;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.VideoStreamInformation;

/**
 * MAVLink video auto-discovery ({@code video.discoverFromMavlink}): when a drone comes ONLINE the
 * gateway asks it for VIDEO_STREAM_INFORMATION with MAV_CMD_REQUEST_MESSAGE (512, param1 = 269,
 * MAVLink camera protocol "Video Streaming"); when one arrives with an {@code rtsp://} uri, that
 * stream is pulled as the video source named after the drone. A repeat of the same uri is ignored,
 * a changed uri replaces the source. Other uris (UDP port numbers, tcp://, empty) are counted and
 * ignored. Callbacks must not block: they run on the MAVLink event loop and the event bus.
 */
public final class VideoDiscovery {

    /** MAV_CMD_REQUEST_MESSAGE (common.xml). */
    public static final int MAV_CMD_REQUEST_MESSAGE = 512;

    private final Consumer<String> requestStreamInfo;
    private final BiConsumer<String, String> pullSource;
    private final Map<String, String> uris = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong sourcesStarted = new AtomicLong();
    private final AtomicLong repeatsIgnored = new AtomicLong();
    private final AtomicLong nonRtspIgnored = new AtomicLong();

    /**
     * @param requestStreamInfo sends MAV_CMD_REQUEST_MESSAGE(269) to a drone id (non-blocking)
     * @param pullSource        starts or replaces the pulled source (drone id, rtsp uri) (non-blocking)
     */
    public VideoDiscovery(Consumer<String> requestStreamInfo, BiConsumer<String, String> pullSource) {
        this.requestStreamInfo = requestStreamInfo;
        this.pullSource = pullSource;
    }

    /** A drone that comes online is asked for its video stream. */
    public void onDroneStatus(DroneStatusEvent e) {
        if (e.state() == DroneStatusEvent.LinkState.ONLINE && "mavlink".equalsIgnoreCase(transportFamily(e.transport()))) {
            requests.incrementAndGet();
            requestStreamInfo.accept(e.droneId());
        }
    }

    /** Every inbound MAVLink message of a drone; only VIDEO_STREAM_INFORMATION matters here. */
    public void onMessage(String droneId, MavlinkMessage message) {
        if (!(message instanceof VideoStreamInformation info)) {
            return;
        }
        String uri = info.uri() == null ? "" : info.uri().trim();
        if (!uri.toLowerCase(Locale.ROOT).startsWith("rtsp://")) {
            nonRtspIgnored.incrementAndGet();
            return;
        }
        String previous = uris.put(droneId, uri);
        if (uri.equals(previous)) {
            repeatsIgnored.incrementAndGet();
            return;
        }
        sourcesStarted.incrementAndGet();
        pullSource.accept(droneId, uri);
    }

    /** DroneStatusEvent.transport is "udp"/"tcp" for MAVLink links and "dji" for DJI ones. */
    private static String transportFamily(String transport) {
        return transport == null || "dji".equalsIgnoreCase(transport) ? "other" : "mavlink";
    }

    public long requests() {
        return requests.get();
    }

    public long sourcesStarted() {
        return sourcesStarted.get();
    }

    public long repeatsIgnored() {
        return repeatsIgnored.get();
    }

    public long nonRtspIgnored() {
        return nonRtspIgnored.get();
    }
}
