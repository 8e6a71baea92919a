package org.skypatrol.analytics.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.skypatrol.analytics.frame.AnalysisFrame;
import org.skypatrol.analytics.scene.SceneView;

/**
 * A YOLOX ONNX model through OpenCV DNN (../shared/data/README.md gives the format): the frame is
 * letterboxed to the top-left of a square input padded with 114, fed as BGR 0–255 without
 * normalisation, and the raw output decoded by {@link YoloxDecoder}. COCO classes map to ours
 * (person; bicycle, motorcycle → bicycle; car; bus; truck; backpack, handbag, suitcase → static object).
 *
 * <p>Motion gating (as Frigate does): a 160-pixel-wide difference image decides whether anything
 * moved since the last inference; if nothing did, the previous detections are reused until
 * {@code refreshSeconds} have passed (stationary objects stay detected without paying the network).
 * YOLOX-Nano does not recognise vehicles seen straight down: use the classical detector there.
 */
public final class OnnxDetector implements Detector {

    private final Net net;
    private final int inputSize;
    private final double scoreThreshold;
    private final double refreshSeconds;
    private final Mat prevSmall = new Mat();
    private List<Detection> last = List.of();
    private double lastRun = Double.NEGATIVE_INFINITY;
    private long inferences;
    private long gatedSkips;
    private long inferenceNanos;

    public OnnxDetector(Path model, int inputSize, double scoreThreshold, double refreshSeconds) {
        if (!Files.isReadable(model)) {
            throw new IllegalArgumentException("model not found or not readable: " + model);
        }
        Net n;
        try {
            n = opencv_dnn.readNetFromONNX(model.toString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load ONNX model " + model + ": " + e.getMessage(), e);
        }
        if (n == null || n.empty()) {
            throw new IllegalArgumentException("cannot load ONNX model " + model + " (empty network)");
        }
        this.net = n;
        this.inputSize = inputSize;
        this.scoreThreshold = scoreThreshold;
        this.refreshSeconds = refreshSeconds;
        checkOutputShape(model);
    }

    private void checkOutputShape(Path model) {
        try (PointerScope scope = new PointerScope()) {
            Mat probe = new Mat(inputSize, inputSize, opencv_core.CV_8UC3, new Scalar(114, 114, 114, 0));
            Mat out = infer(probe);
            if (out.dims() != 3 || out.size(2) < 6 || out.size(1) != expectedRows()) {
                throw new IllegalArgumentException("model " + model + " is not a YOLOX model for a " + inputSize
                        + " input: output shape " + out.size(0) + "x" + out.size(1) + "x" + out.size(2)
                        + ", expected 1x" + expectedRows() + "x(5+classes)");
            }
        }
    }

    private int expectedRows() {
        int r = 0;
        for (int s : new int[] {8, 16, 32}) {
            r += (inputSize / s) * (inputSize / s);
        }
        return r;
    }

    @Override
    public String name() {
        return "onnx-yolox";
    }

    @Override
    public List<Detection> detect(AnalysisFrame frame, SceneView view) {
        try (PointerScope scope = new PointerScope()) {
            boolean moved = moved(frame.bgr());
            if (!moved && frame.timeSeconds() - lastRun < refreshSeconds) {
                gatedSkips++;
                return last;
            }
            lastRun = frame.timeSeconds();
            Mat bgr = frame.bgr();
            double r = Math.min(inputSize / (double) bgr.rows(), inputSize / (double) bgr.cols());
            int w = (int) Math.round(bgr.cols() * r);
            int h = (int) Math.round(bgr.rows() * r);
            Mat padded = new Mat(inputSize, inputSize, opencv_core.CV_8UC3, new Scalar(114, 114, 114, 0));
            Mat resized = new Mat();
            opencv_imgproc.resize(bgr, resized, new Size(w, h), 0, 0, opencv_imgproc.INTER_LINEAR);
            resized.copyTo(new Mat(padded, new Rect(0, 0, w, h)));
            long t0 = System.nanoTime();
            Mat out = infer(padded);
            inferenceNanos += System.nanoTime() - t0;
            inferences++;
            int rows = out.size(1);
            int cols = out.size(2);
            float[] data = new float[rows * cols];
            Mat flat = out.reshape(1, rows);
            try (FloatIndexer idx = flat.createIndexer()) {
                idx.get(0, data);
            }
            List<Detection> dets = new ArrayList<>();
            for (YoloxDecoder.Raw raw : YoloxDecoder.nms(YoloxDecoder.decode(data, inputSize, cols - 5, scoreThreshold), 0.45)) {
                ObjectClass cls = mapCoco(raw.classId());
                if (cls == null) {
                    continue;
                }
                Box b = new Box(raw.x() / r, raw.y() / r, raw.w() / r, raw.h() / r);
                dets.add(new Detection(b, cls, raw.score(), cls == ObjectClass.STATIC_OBJECT));
            }
            last = List.copyOf(mergeRiders(dets));
            return last;
        }
    }

    private Mat infer(Mat padded) {
        Mat blob = opencv_dnn.blobFromImage(padded, 1.0, new Size(inputSize, inputSize), new Scalar(0, 0, 0, 0),
                false, false, opencv_core.CV_32F);
        net.setInput(blob);
        return net.forward();
    }

    private boolean moved(Mat bgr) {
        Mat gray = new Mat();
        opencv_imgproc.cvtColor(bgr, gray, opencv_imgproc.COLOR_BGR2GRAY);
        Mat small = new Mat();
        int w = 160;
        int h = Math.max(1, bgr.rows() * w / bgr.cols());
        opencv_imgproc.resize(gray, small, new Size(w, h), 0, 0, opencv_imgproc.INTER_AREA);
        if (prevSmall.empty() || prevSmall.cols() != w || prevSmall.rows() != h) {
            small.copyTo(prevSmall);
            return true;
        }
        Mat diff = new Mat();
        opencv_core.absdiff(small, prevSmall, diff);
        opencv_imgproc.threshold(diff, diff, 15, 255, opencv_imgproc.THRESH_BINARY);
        int changed = opencv_core.countNonZero(diff);
        small.copyTo(prevSmall);
        return changed > 2;
    }

    /**
     * COCO labels a cyclist as a "person" box on top of a "bicycle"/"motorcycle" box: a person whose
     * box overlaps a two-wheeler's is its rider, and the pair becomes one two-wheeler (union box).
     */
    static List<Detection> mergeRiders(List<Detection> dets) {
        List<Detection> bikes = dets.stream().filter(d -> d.cls() == ObjectClass.BICYCLE).toList();
        if (bikes.isEmpty()) {
            return dets;
        }
        List<Detection> out = new ArrayList<>();
        java.util.Set<Detection> absorbed = new java.util.HashSet<>();
        for (Detection d : dets) {
            if (d.cls() != ObjectClass.PERSON) {
                continue;
            }
            for (Detection b : bikes) {
                Box p = d.box();
                Box q = b.box();
                double ix = Math.min(p.x() + p.w(), q.x() + q.w()) - Math.max(p.x(), q.x());
                double iy = Math.min(p.y() + p.h(), q.y() + q.h()) - Math.max(p.y(), q.y());
                if (ix > 0.5 * Math.min(p.w(), q.w()) && iy > 0 && !absorbed.contains(b)) {
                    double x0 = Math.min(p.x(), q.x());
                    double y0 = Math.min(p.y(), q.y());
                    double x1 = Math.max(p.x() + p.w(), q.x() + q.w());
                    double y1 = Math.max(p.y() + p.h(), q.y() + q.h());
                    out.add(new Detection(new Box(x0, y0, x1 - x0, y1 - y0), ObjectClass.BICYCLE,
                            Math.max(d.score(), b.score()), false));
                    absorbed.add(b);
                    absorbed.add(d);
                    break;
                }
            }
        }
        for (Detection d : dets) {
            if (!absorbed.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** COCO class id → our class, or null for classes we ignore. */
    static ObjectClass mapCoco(int id) {
        return switch (id) {
            case 0 -> ObjectClass.PERSON;
            case 1, 3 -> ObjectClass.BICYCLE;
            case 2 -> ObjectClass.CAR;
            case 5 -> ObjectClass.BUS;
            case 7 -> ObjectClass.TRUCK;
            case 24, 26, 28 -> ObjectClass.STATIC_OBJECT;
            default -> null;
        };
    }

    public long inferences() {
        return inferences;
    }

    public long gatedSkips() {
        return gatedSkips;
    }

    /** Mean milliseconds per network run (letterbox excluded). */
    public double meanInferenceMillis() {
        return inferences == 0 ? 0 : inferenceNanos / 1e6 / inferences;
    }

    @Override
    public void close() {
        net.close();
        prevSmall.close();
    }
}
