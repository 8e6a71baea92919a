package org.skypatrol.analytics.detect;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.skypatrol.analytics.scene.SceneGeometry;
import org.skypatrol.analytics.scene.SceneParser;
import org.skypatrol.analytics.scene.SceneView;

/**
 * A large textured ground for the detector tests: smooth random blotches (grass, asphalt wear),
 * painted dashes with corners and a long line; frames are 640x360 crops of it at any sub-pixel
 * offset (resampled), with an optional dark car drawn on, a brightness gain and sensor noise.
 */
final class SyntheticGround implements AutoCloseable {

    static final int W = 640;
    static final int H = 360;
    private final Mat canvas;

    /**
     * A fixed camera on a pole over this ground: {@link #W} x {@link #H} pixels over 32 x 18 m,
     * 5 cm per pixel.
     */
    static SceneView poleView() throws Exception {
        return new SceneGeometry(SceneParser.parse("pole", """
                id: pole
                camera:
                  type: fixed
                  width: 640
                  height: 360
                  calibration:
                    - {pixel: [0, 0], ground: [0, 18]}
                    - {pixel: [640, 0], ground: [32, 18]}
                    - {pixel: [640, 360], ground: [32, 0]}
                    - {pixel: [0, 360], ground: [0, 0]}
                """)).view();
    }

    SyntheticGround() {
        canvas = new Mat(H + 200, W + 200, opencv_core.CV_8UC3);
        opencv_core.randu(canvas, new Mat(1, 1, opencv_core.CV_64F, new Scalar(60.0)),
                new Mat(1, 1, opencv_core.CV_64F, new Scalar(200.0)));
        opencv_imgproc.GaussianBlur(canvas, canvas, new Size(0, 0), 6);
        opencv_core.normalize(canvas, canvas, 40, 190, opencv_core.NORM_MINMAX, -1, new Mat());
        for (int y = 10; y < canvas.rows(); y += 45) {
            for (int x = 30; x < canvas.cols(); x += 120) {
                opencv_imgproc.rectangle(canvas, new Rect(x + (y % 7) * 5, y, 30, 6), new Scalar(235, 235, 235, 0), -1,
                        opencv_imgproc.LINE_AA, 0);
            }
        }
        opencv_imgproc.line(canvas, new Point(80, 0), new Point(180, canvas.rows()), new Scalar(240, 240, 240, 0), 3,
                opencv_imgproc.LINE_AA, 0);
    }

    /** The frame whose pixel (0,0) shows canvas point (ox, oy); {@code car} in frame pixels or null. */
    Mat frame(double ox, double oy, Rect car, double gain) {
        Mat m = new Mat(2, 3, opencv_core.CV_64F);
        try (DoubleIndexer idx = m.createIndexer()) {
            idx.put(0, 0, 1);
            idx.put(0, 1, 0);
            idx.put(0, 2, -ox);
            idx.put(1, 0, 0);
            idx.put(1, 1, 1);
            idx.put(1, 2, -oy);
        }
        Mat out = new Mat();
        opencv_imgproc.warpAffine(canvas, out, m, new Size(W, H), opencv_imgproc.INTER_LINEAR,
                opencv_core.BORDER_REFLECT, new Scalar());
        if (car != null) {
            opencv_imgproc.rectangle(out, car, new Scalar(20, 20, 180, 0), -1, opencv_imgproc.LINE_8, 0);
        }
        out.convertTo(out, -1, gain, 0);
        Mat noise = new Mat(H, W, opencv_core.CV_8UC3);
        opencv_core.randn(noise, new Mat(1, 1, opencv_core.CV_64F, new Scalar(0.0)),
                new Mat(1, 1, opencv_core.CV_64F, new Scalar(2.0)));
        opencv_core.add(out, noise, out);
        return out;
    }

    @Override
    public void close() {
        canvas.close();
    }
}
