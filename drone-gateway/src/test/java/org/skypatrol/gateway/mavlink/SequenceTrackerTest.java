package org.skypatrol.gateway.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    @Test
    void onFrame_gapsAcrossWrapAndPerComponent() {
        SequenceTracker t = new SequenceTracker();
        assertThat(t.onFrame(1, 250)).isZero();      // first frame: nothing known before it
        assertThat(t.onFrame(1, 251)).isZero();
        assertThat(t.onFrame(1, 254)).isEqualTo(2);  // 252, 253 lost
        assertThat(t.onFrame(1, 1)).isEqualTo(2);    // 255, 0 lost across the wrap
        assertThat(t.onFrame(154, 7)).isZero();      // another component numbers its own frames
        assertThat(t.onFrame(1, 1)).isZero();        // a duplicate is not a loss
        assertThat(t.lost()).isEqualTo(4);
        assertThat(t.received()).isEqualTo(6);
    }

    @Test
    void kernelDrops_boundSocket_isReadableOnLinux() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            long drops = KernelUdpDrops.forPort(s.getLocalPort());
            if (System.getProperty("os.name").toLowerCase().contains("linux")) {
                assertThat(drops).isZero();
            } else {
                assertThat(drops).isEqualTo(-1);
            }
        }
    }
}
