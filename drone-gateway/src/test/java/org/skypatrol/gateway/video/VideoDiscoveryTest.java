package org.skypatrol.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.skypatrol.gateway.events.DroneStatusEvent;
import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;
import org.skypatrol.protocols.mavlink.Heartbeat;
import org.skypatrol.protocols.mavlink.VideoStreamInformation;

/** The discovery rules: request on ONLINE only, pull rtsp:// once per uri, replace on change, ignore the rest. */
class VideoDiscoveryTest {

    private final List<String> requested = new ArrayList<>();
    private final List<String> pulled = new ArrayList<>();
    private final VideoDiscovery discovery = new VideoDiscovery(requested::add, (id, uri) -> pulled.add(id + " " + uri));

    private static VideoStreamInformation info(String uri) {
        return new VideoStreamInformation(1, 1, 0, 1, 10f, 320, 240, 0, 0, 90, "cam", uri, 1, 0);
    }

    @Test
    void requestsOnlyWhenAMavlinkDroneComesOnline() {
        discovery.onDroneStatus(new DroneStatusEvent("d1", LinkState.ONLINE, Instant.EPOCH, "mavlink-udp"));
        discovery.onDroneStatus(new DroneStatusEvent("d1", LinkState.STALE, Instant.EPOCH, "mavlink-udp"));
        discovery.onDroneStatus(new DroneStatusEvent("d2", LinkState.OFFLINE, Instant.EPOCH, "mavlink-tcp"));
        discovery.onDroneStatus(new DroneStatusEvent("dock", LinkState.ONLINE, Instant.EPOCH, "dji"));
        assertThat(requested).containsExactly("d1");
        assertThat(discovery.requests()).isEqualTo(1);
    }

    @Test
    void rtspUriIsPulledOnce_repeatIgnored_changeReplaces() {
        discovery.onMessage("d1", info("rtsp://10.0.0.5:8554/live"));
        discovery.onMessage("d1", info("rtsp://10.0.0.5:8554/live"));
        discovery.onMessage("d1", info("rtsp://10.0.0.5:8554/live "));   // trailing space: same uri
        discovery.onMessage("d2", info("rtsp://10.0.0.6/live"));
        discovery.onMessage("d1", info("rtsp://10.0.0.5:8554/other"));
        assertThat(pulled).containsExactly("d1 rtsp://10.0.0.5:8554/live", "d2 rtsp://10.0.0.6/live",
                "d1 rtsp://10.0.0.5:8554/other");
        assertThat(discovery.repeatsIgnored()).isEqualTo(2);
        assertThat(discovery.sourcesStarted()).isEqualTo(3);
    }

    @Test
    void nonRtspUrisAndOtherMessagesAreIgnored() {
        discovery.onMessage("d1", info("5600"));                  // UDP port the GCS should listen on
        discovery.onMessage("d1", info("tcp://10.0.0.5:5600"));
        discovery.onMessage("d1", info(""));
        discovery.onMessage("d1", new Heartbeat(2, 3, 0, 0, 4, 3));
        assertThat(pulled).isEmpty();
        assertThat(discovery.nonRtspIgnored()).isEqualTo(3);
        discovery.onMessage("d1", info("RTSP://10.0.0.5/live"));  // the scheme is case-insensitive
        assertThat(pulled).containsExactly("d1 RTSP://10.0.0.5/live");
    }
}
