package org.skypatrol.analytics.track;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.Detection;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.Vec2;

/**
 * Cleans a frame's detections before association: drops still blobs nested in larger still ones and
 * joins the pieces the classical detector made of one tracked vehicle into one detection.
 */
final class SplitJoiner {

    private final TrackerSettings settings;
    private final List<Track> tracks;
    /** This frame's detections that are unions of a track's pieces ({@link #joinSplits}), by identity. */
    private final Set<Detection> joined = Collections.newSetFromMap(new IdentityHashMap<>());
    private long nested;
    private long splitsMerged;

    /** Works over the tracker's live tracks ({@code tracks}, read, never changed). */
    SplitJoiner(TrackerSettings settings, List<Track> tracks) {
        this.settings = settings;
        this.tracks = tracks;
    }

    /** The frame's detections, nested ones dropped and split ones joined. */
    List<Detection> clean(double t, List<Detection> detections, GroundMapping mapping) {
        return joinSplits(t, withoutNested(detections), mapping);
    }

    /** Whether the detection is a union of a track's pieces made in this frame (not the object seen whole). */
    boolean isJoined(Detection d) {
        return joined.contains(d);
    }

    long nested() {
        return nested;
    }

    long splitsMerged() {
        return splitsMerged;
    }

    /**
     * Drops a still detection lying mostly (70 %) inside a larger still one: when something stops, the
     * classical detector's moving mask (foreground, no longer changing) and its newly static mask both
     * find it, and the smaller blob, taken by the object's track, would leave the larger one to start a
     * second, never-moved track of the same object. A moving blob (a person beside the bag they put
     * down) keeps what lies inside it.
     */
    private List<Detection> withoutNested(List<Detection> dets) {
        if (dets.size() < 2) {
            return dets;
        }
        List<Detection> out = new ArrayList<>(dets.size());
        for (Detection d : dets) {
            boolean inside = false;
            for (Detection o : dets) {
                if (o != d && d.staticObject() && o.staticObject() && o.box().area() > d.box().area()
                        && d.box().coveredBy(o.box()) >= 0.7) {
                    inside = true;
                    break;
                }
            }
            if (inside) {
                nested++;
            } else {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * Joins the pieces of one tracked vehicle: when two or more detections each lie mostly (70 %)
     * inside the predicted box (grown by 10 %) of the same confirmed car/bus/truck track (not a
     * person, whose bag put down beside them is an object of its own; for a standing vehicle only
     * when the union keeps its ground point within {@code stationaryMetres}), and mostly (50 %) inside
     * no other track's, they become one detection, their union, if that union is no larger than 1.3
     * times the predicted box, and, when every piece is people-shaped ({@link Detection#people()} >= 1),
     * no larger than 1.3 times the box the track had when last seen as one blob: unions joined frame
     * after frame would ratchet the box up, and the people of a group (voted car or truck) that walks
     * or runs apart would all stay one track. (A vehicle's pieces, body and shadow or front and rear,
     * are rarely all person-shaped; a car creeping towards the camera in a queue grows legitimately.) The classical detector splits a stopping car into its moving and
     * newly-static parts and a car into body and shadow; each piece matching alone moves the track's
     * foot point and the others start tracks that re-alert for the same object.
     */
    private List<Detection> joinSplits(double t, List<Detection> dets, GroundMapping mapping) {
        joined.clear();
        if (dets.size() < 2) {
            return dets;
        }
        List<Detection> out = new ArrayList<>(dets);
        for (Track tr : tracks) {
            if (tr.hits < settings.minHits() || !tr.cls().isMotorVehicle()) {
                continue;                               // people beside their bags, still objects: pieces are objects
            }
            Box pb = tr.predictedBox(t);
            Box grown = new Box(pb.x() - 0.05 * pb.w(), pb.y() - 0.05 * pb.h(), 1.1 * pb.w(), 1.1 * pb.h());
            List<Detection> pieces = new ArrayList<>();
            for (Detection d : out) {
                if (d.box().coveredBy(grown) >= 0.7 && !claimedByOther(d, tr, grown, t)) {
                    pieces.add(d);
                }
            }
            if (pieces.size() < 2) {
                continue;
            }
            Box u = pieces.get(0).box();
            Detection biggest = pieces.get(0);
            for (Detection d : pieces) {
                u = union(u, d.box());
                if (d.box().area() > biggest.box().area()) {
                    biggest = d;
                }
            }
            boolean people = pieces.stream().allMatch(d -> d.people() >= 1);
            if (u.area() > 1.3 * (people ? Math.min(pb.area(), tr.wholeArea()) : pb.area())
                    || biggerVehicle(u, tr, mapping)) {
                continue;
            }
            if (tr.stationary()) {
                Optional<Vec2> ug = GroundPoints.groundOf(new Detection(u, biggest.cls(), 1, false), mapping);
                if (ug.isEmpty() || ug.get().distance(tr.ground()) > settings.stationaryMetres()) {
                    continue;                           // the union would move a standing vehicle: leave the pieces
                }
            }
            ObjectClass cls = biggest.cls();            // the detector's word; the track's votes settle the class
            boolean still = pieces.stream().allMatch(Detection::staticObject);
            double score = pieces.stream().mapToDouble(Detection::score).max().orElse(biggest.score());
            out.removeAll(pieces);
            double held = pieces.stream().mapToDouble(Detection::people).sum();
            double area = pieces.stream().mapToDouble(d -> d.box().area()).sum();
            double changing = pieces.stream().mapToDouble(d -> d.changing() * d.box().area()).sum() / Math.max(1e-9, area);
            Detection union = new Detection(u, cls, score, still, held, changing);
            out.add(union);
            joined.add(union);
            splitsMerged += pieces.size() - 1;
        }
        return out;
    }

    /**
     * Whether the union of pieces measures as a bigger vehicle than the car track they would join: two
     * cars one behind the other (a queue, a rear-end collision) overlap in an oblique view and their
     * union stands as tall as a truck; the pieces of one car (body and shadow, front and rear seen
     * from above) still measure as a car.
     */
    private static boolean biggerVehicle(Box union, Track tr, GroundMapping mapping) {
        return tr.cls() == ObjectClass.CAR
                && SizeClassifier.measure(union, mapping).map(SizeClassifier::longerThanACar).orElse(false);
    }

    /** Whether another confirmed track, not itself nested inside {@code selfBox} (a fragment), holds the detection. */
    private boolean claimedByOther(Detection d, Track self, Box selfBox, double t) {
        for (Track o : tracks) {
            if (o != self && o.hits >= settings.minHits() && d.box().coveredBy(o.predictedBox(t)) >= 0.5
                    && o.predictedBox(t).coveredBy(selfBox) < 0.7) {
                return true;
            }
        }
        return false;
    }

    private static Box union(Box a, Box b) {
        double x0 = Math.min(a.x(), b.x());
        double y0 = Math.min(a.y(), b.y());
        double x1 = Math.max(a.x() + a.w(), b.x() + b.w());
        double y1 = Math.max(a.y() + a.h(), b.y() + b.h());
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }
}
