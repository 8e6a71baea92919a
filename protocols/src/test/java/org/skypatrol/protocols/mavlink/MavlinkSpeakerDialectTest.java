package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Our private dialect message SKYPATROL_SPEAKER_BROADCAST (tools/mavgen/skypatrol.xml). */
class MavlinkSpeakerDialectTest {

    @Test
    void definition_crcExtraComputedFromItsFieldsBySpecAlgorithm() {
        MessageDefinition d = MessageTable.standard().find(SkypatrolSpeakerBroadcast.ID);
        assertThat(d.name()).isEqualTo("SKYPATROL_SPEAKER_BROADCAST");
        assertThat(MavlinkCrc.crcExtra(d.name(), d.fields())).isEqualTo(d.crcExtra());
        assertThat(d.maxLength()).isEqualTo(211);
    }

    @Test
    void chunks_longChineseText_splitOnCharacterBoundariesAndJoinInAnyOrder() {
        String text = "证据已记录，请立即驶离应急车道。".repeat(12); // 48 bytes x 12 = 576 UTF-8 bytes
        List<SkypatrolSpeakerBroadcast> chunks = SkypatrolSpeakerText.chunks(1, 1, 4711, 80, 2, text);
        assertThat(chunks).hasSize(3);
        assertThat(chunks).allSatisfy(c -> assertThat(c.textLength()).isLessThanOrEqualTo(200));
        assertThat(chunks.stream().mapToInt(SkypatrolSpeakerBroadcast::textLength).sum())
                .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        // over the wire (v2 frames) and back, shuffled, with one duplicate retry
        List<SkypatrolSpeakerBroadcast> received = new ArrayList<>();
        for (SkypatrolSpeakerBroadcast c : chunks) {
            MavlinkFrame f = MavlinkMessages.toFrame(MavlinkVersion.V2, c.chunkIndex(), 255, 190, c);
            ParseResult r = new MavlinkParser().tryParse(Unpooled.wrappedBuffer(MavlinkFrameWriter.toBytes(f)), true);
            received.add((SkypatrolSpeakerBroadcast) MavlinkMessages.decode(((ParseResult.Parsed) r).frame()));
        }
        received.add(received.get(0));
        Collections.reverse(received);
        assertThat(SkypatrolSpeakerText.join(received)).isEqualTo(text);
        assertThat(SkypatrolSpeakerText.join(received.subList(0, 2))).isNull();
    }
}
