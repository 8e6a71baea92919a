package org.skypatrol.analytics.evidence;

import java.util.List;
import java.util.Locale;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.ResolvedLine;
import org.skypatrol.analytics.scene.ResolvedZone;
import org.skypatrol.analytics.scene.SceneView;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/** Draws zones, lines, track boxes with trails and labels, and a caption onto a BGR image (in place). */
public final class Annotator {

    private static final Scalar ZONE = new Scalar(255, 200, 0, 0);
    private static final Scalar HIGHLIGHT = new Scalar(0, 0, 255, 0);
    private static final Scalar LINE = new Scalar(0, 255, 255, 0);
    private static final Scalar BOX = new Scalar(0, 255, 0, 0);
    private static final Scalar TEXT_BG = new Scalar(0, 0, 0, 0);
    private static final Scalar WHITE = new Scalar(255, 255, 255, 0);

    private Annotator() {
    }

    /**
     * @param highlightZone zone/line id to draw in red (the alert's), or null
     * @param highlightTracks track ids to draw in red
     * @param caption      text for the top-left banner (behaviour and time), or null
     */
    public static void draw(Mat img, SceneView view, List<TrackSnapshot> tracks, String highlightZone,
                            List<Integer> highlightTracks, String caption) {
        int thick = Math.max(1, img.cols() / 640);
        for (ResolvedZone z : view.zones()) {
            Scalar c = z.id().equals(highlightZone) ? HIGHLIGHT : ZONE;
            polyline(img, z.pixels().points(), true, c, thick);
            if (!z.pixels().points().isEmpty()) {
                text(img, z.id() + " (" + z.kind().id() + ")", z.pixels().centroid(), c, 0.4 * thick);
            }
        }
        for (ResolvedLine l : view.lines()) {
            polyline(img, l.pixels(), false, l.line().id().equals(highlightZone) ? HIGHLIGHT : LINE, thick + 1);
        }
        for (TrackSnapshot t : tracks) {
            Scalar c = highlightTracks.contains(t.id()) ? HIGHLIGHT : BOX;
            Box b = t.box();
            opencv_imgproc.rectangle(img, new Point((int) b.x(), (int) b.y()),
                    new Point((int) (b.x() + b.w()), (int) (b.y() + b.h())), c, thick, opencv_imgproc.LINE_8, 0);
            List<TrackPoint> h = t.history();
            for (int i = Math.max(1, h.size() - 50); i < h.size(); i++) {
                Vec2 a = h.get(i - 1).box().foot();
                Vec2 bb = h.get(i).box().foot();
                opencv_imgproc.line(img, pt(a), pt(bb), c, thick, opencv_imgproc.LINE_8, 0);
            }
            String label = String.format(Locale.ROOT, "#%d %s %.0fkm/h", t.id(), t.cls().id(), t.speedKph());
            text(img, label, new Vec2(b.x(), Math.max(10, b.y() - 3)), c, 0.4 * thick);
        }
        if (caption != null) {
            opencv_imgproc.rectangle(img, new Point(0, 0), new Point(img.cols(), 22 * thick), TEXT_BG,
                    opencv_imgproc.FILLED, opencv_imgproc.LINE_8, 0);
            text(img, caption, new Vec2(4, 16 * thick), WHITE, 0.5 * thick);
        }
    }

    private static void polyline(Mat img, List<Vec2> pts, boolean closed, Scalar c, int thick) {
        for (int i = 1; i < pts.size() + (closed ? 1 : 0); i++) {
            Vec2 a = pts.get(i - 1);
            Vec2 b = pts.get(i % pts.size());
            opencv_imgproc.line(img, pt(a), pt(b), c, thick, opencv_imgproc.LINE_AA, 0);
        }
    }

    private static void text(Mat img, String s, Vec2 at, Scalar c, double scale) {
        opencv_imgproc.putText(img, s, pt(at), opencv_imgproc.FONT_HERSHEY_SIMPLEX, scale, c, 1,
                opencv_imgproc.LINE_AA, false);
    }

    private static Point pt(Vec2 v) {
        return new Point((int) Math.round(Math.max(-10000, Math.min(10000, v.x()))),
                (int) Math.round(Math.max(-10000, Math.min(10000, v.y()))));
    }
}
