package org.skypatrol.analytics.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decodes YOLOX raw outputs (not grid-decoded) of a square input: rows of
 * {@code [cx, cy, w, h, objectness, class scores...]} over the grids of strides 8, 16, 32, row-major
 * per grid; {@code xy = (xy + grid) * stride}, {@code wh = exp(wh) * stride}; score = objectness ×
 * class score; then class-aware greedy NMS. Pure Java so it is testable without a model.
 */
public final class YoloxDecoder {

    /** A decoded box in input (letterboxed) pixels. */
    public record Raw(double x, double y, double w, double h, int classId, double score) {
    }

    private YoloxDecoder() {
    }

    /**
     * @param out        the output tensor flattened, rows × (5 + classes)
     * @param inputSize  square input side (416)
     * @param classes    number of classes
     */
    public static List<Raw> decode(float[] out, int inputSize, int classes, double scoreThreshold) {
        int stride0 = 5 + classes;
        List<Raw> raws = new ArrayList<>();
        int row = 0;
        for (int stride : new int[] {8, 16, 32}) {
            int g = inputSize / stride;
            for (int gy = 0; gy < g; gy++) {
                for (int gx = 0; gx < g; gx++, row++) {
                    int o = row * stride0;
                    if (o + stride0 > out.length) {
                        throw new IllegalArgumentException("output has " + out.length / stride0
                                + " rows, the grids need more (input " + inputSize + ")");
                    }
                    float obj = out[o + 4];
                    if (obj < scoreThreshold) {
                        continue;
                    }
                    int best = 0;
                    float bestScore = out[o + 5];
                    for (int c = 1; c < classes; c++) {
                        if (out[o + 5 + c] > bestScore) {
                            bestScore = out[o + 5 + c];
                            best = c;
                        }
                    }
                    double score = obj * bestScore;
                    if (score < scoreThreshold) {
                        continue;
                    }
                    double cx = (out[o] + gx) * stride;
                    double cy = (out[o + 1] + gy) * stride;
                    double w = Math.exp(out[o + 2]) * stride;
                    double h = Math.exp(out[o + 3]) * stride;
                    raws.add(new Raw(cx - w / 2, cy - h / 2, w, h, best, score));
                }
            }
        }
        return raws;
    }

    /** Class-aware greedy non-maximum suppression. */
    public static List<Raw> nms(List<Raw> in, double iouThreshold) {
        List<Raw> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingDouble(Raw::score).reversed());
        List<Raw> keep = new ArrayList<>();
        for (Raw r : sorted) {
            Box b = new Box(r.x(), r.y(), r.w(), r.h());
            boolean suppressed = false;
            for (Raw k : keep) {
                if (k.classId() == r.classId() && new Box(k.x(), k.y(), k.w(), k.h()).iou(b) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                keep.add(r);
            }
        }
        return keep;
    }
}
