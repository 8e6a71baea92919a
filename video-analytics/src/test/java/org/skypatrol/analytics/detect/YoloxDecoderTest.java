package org.skypatrol.analytics.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class YoloxDecoderTest {

    @Test
    void decode_gridOffsetsAndStrides_thenNms() {
        int classes = 3;
        int rows = 52 * 52 + 26 * 26 + 13 * 13;
        float[] out = new float[rows * (5 + classes)];
        // stride 16 grid cell (gx=4, gy=2): row 2704 + 2*26 + 4; cx = (0.5+4)*16 = 72, cy = (0.5+2)*16 = 40
        int row = 2704 + 2 * 26 + 4;
        put(out, row, classes, 0.5f, 0.5f, (float) Math.log(2), 0f, 0.9f, 0.1f, 0.8f, 0.2f);
        // a weaker duplicate of the same object at stride 8, and the same place in another class
        put(out, 5 * 52 + 9, classes, 0f, 0f, (float) Math.log(4), (float) Math.log(2), 0.8f, 0.1f, 0.7f, 0.1f);
        put(out, 4 * 52 + 9, classes, 0f, 0.5f, (float) Math.log(4), (float) Math.log(2), 0.9f, 0.9f, 0.1f, 0.1f);
        List<YoloxDecoder.Raw> raw = YoloxDecoder.decode(out, 416, classes, 0.3);
        assertThat(raw).hasSize(3);
        YoloxDecoder.Raw first = raw.stream().filter(r -> r.classId() == 1 && r.score() > 0.7).findFirst().orElseThrow();
        assertThat(first.x() + first.w() / 2).isCloseTo(72, within(1e-4));
        assertThat(first.y() + first.h() / 2).isCloseTo(40, within(1e-4));
        assertThat(first.w()).isCloseTo(32, within(1e-3));          // exp(ln 2) * 16
        assertThat(first.h()).isCloseTo(16, within(1e-3));
        assertThat(first.classId()).isEqualTo(1);
        List<YoloxDecoder.Raw> kept = YoloxDecoder.nms(raw, 0.45);
        assertThat(kept).hasSize(2).extracting(YoloxDecoder.Raw::classId).containsExactlyInAnyOrder(1, 0);
    }

    private static void put(float[] out, int row, int classes, float... v) {
        System.arraycopy(v, 0, out, row * (5 + classes), v.length);
    }

    @Test
    void mergeRiders_personOnBicycle_becomesOneTwoWheeler_walkerBesideStaysPerson() {
        Detection rider = new Detection(new Box(100, 50, 30, 70), ObjectClass.PERSON, 0.9, false);
        Detection bike = new Detection(new Box(95, 90, 40, 45), ObjectClass.BICYCLE, 0.7, false);
        Detection walker = new Detection(new Box(300, 50, 30, 80), ObjectClass.PERSON, 0.8, false);
        List<Detection> out = OnnxDetector.mergeRiders(List.of(rider, bike, walker));
        assertThat(out).hasSize(2);
        assertThat(out).filteredOn(d -> d.cls() == ObjectClass.BICYCLE).singleElement()
                .satisfies(d -> assertThat(d.box()).isEqualTo(new Box(95, 50, 40, 85)));
        assertThat(out).filteredOn(d -> d.cls() == ObjectClass.PERSON).containsExactly(walker);
    }
}
