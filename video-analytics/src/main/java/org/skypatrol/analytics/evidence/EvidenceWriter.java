package org.skypatrol.analytics.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.skypatrol.analytics.scene.SceneView;
import org.skypatrol.analytics.track.TrackSnapshot;

/** Writes the annotated evidence JPEG of an alert phase: boxes, trails, the zone, behaviour and time. */
public final class EvidenceWriter {

    private final Path dir;
    private long written;
    private long failed;

    public EvidenceWriter(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** Returns the file written, or null when writing failed (counted). */
    public Path write(Mat frame, SceneView view, List<TrackSnapshot> tracks, String alertId, String behaviour,
                      String zoneId, List<Integer> trackIds, double timeSeconds, String phase) {
        try (Mat copy = frame.clone()) {
            String caption = String.format(Locale.ROOT, "%s %s  t=%.1fs  %s", behaviour, phase, timeSeconds,
                    view.scene().id());
            Annotator.draw(copy, view, tracks, zoneId, trackIds, caption);
            Path file = dir.resolve(alertId + "-" + phase + ".jpg");
            try (IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 85)) {
                if (opencv_imgcodecs.imwrite(file.toString(), copy, params)) {
                    written++;
                    return file;
                }
            }
            failed++;
            return null;
        }
    }

    public long written() {
        return written;
    }

    public long failed() {
        return failed;
    }
}
