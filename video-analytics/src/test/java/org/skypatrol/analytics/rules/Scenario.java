package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

import org.skypatrol.analytics.detect.Box;
import org.skypatrol.analytics.detect.Detection;
import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.events.Phase;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.Scene;
import org.skypatrol.analytics.scene.SceneGeometry;
import org.skypatrol.analytics.scene.SceneParser;
import org.skypatrol.analytics.scene.SceneView;
import org.skypatrol.analytics.track.Tracker;
import org.skypatrol.analytics.track.TrackerSettings;

/**
 * Scripted rule scenarios without video: actors move along ground paths (metres) on a straight-down
 * fixed camera of 10 px per metre (x east = pixel x, y north = up); each frame their boxes go through
 * the real tracker, the real rules and the real alert lifecycle at 5 fps. Zones are given in metres.
 */
final class Scenario {

    static final String CAMERA = """
            camera:
              type: fixed
              width: 2000
              height: 2000
              calibration:
                - {pixel: [0, 2000], ground: [0, 0]}
                - {pixel: [2000, 2000], ground: [200, 0]}
                - {pixel: [2000, 0], ground: [200, 200]}
                - {pixel: [0, 0], ground: [0, 200]}
            """;

    record Actor(ObjectClass cls, double widthMetres, double lengthMetres, double from, double to,
                 DoubleFunction<Vec2> path) {
    }

    /** One alert phase seen by the scenario. */
    record Seen(String behaviour, Phase phase, double time, String zoneId) {
    }

    /** Between {@code from} and {@code to} the detector sees actors a and b as one blob (their union box). */
    record Merge(int a, int b, double from, double to) {
    }

    private final Scene scene;
    private final List<Actor> actors = new ArrayList<>();
    private final List<Merge> merges = new ArrayList<>();
    /** Actor index -> {people, changing} its detections carry (a merged group of people). */
    private final Map<Integer, DoubleFunction<double[]>> groups = new java.util.HashMap<>();

    Scenario(String zonesAndRules) throws Exception {
        this.scene = SceneParser.parse("scenario", "id: test\n" + CAMERA + zonesAndRules);
    }

    Scenario actor(ObjectClass cls, double w, double l, double from, double to, DoubleFunction<Vec2> path) {
        actors.add(new Actor(cls, w, l, from, to, path));
        return this;
    }

    /**
     * The last actor added is a group of people merged into one blob: at time t its detections hold
     * {@code peopleAndChanging.apply(t)} = {people, share of the blob changing}.
     */
    Scenario group(DoubleFunction<double[]> peopleAndChanging) {
        groups.put(actors.size() - 1, peopleAndChanging);
        return this;
    }

    /** The detector merges actors a and b (indices in the order added) into one blob between from and to. */
    Scenario merged(int a, int b, double from, double to) {
        merges.add(new Merge(a, b, from, to));
        return this;
    }

    /** Straight line from a to b between times t0 and t1, then standing at b until {@code until}. */
    static DoubleFunction<Vec2> line(Vec2 a, Vec2 b, double t0, double t1) {
        return t -> {
            double f = Math.max(0, Math.min(1, (t - t0) / (t1 - t0)));
            return a.plus(b.minus(a).times(f));
        };
    }

    static DoubleFunction<Vec2> still(Vec2 p) {
        return t -> p;
    }

    /** The scene as the rules see it (for tests that hand rules their own tracks). */
    SceneView view() {
        return new SceneGeometry(scene).view();
    }

    List<Seen> run(double seconds) throws Exception {
        SceneView view = new SceneGeometry(scene).view();
        Tracker tracker = new Tracker(TrackerSettings.defaults());
        RuleEngine engine = new RuleEngine(RuleSet.build("scenario", scene.rules()));
        AlertLifecycle life = new AlertLifecycle("test");
        List<Seen> seen = new ArrayList<>();
        for (int i = 0; i <= seconds * 5; i++) {
            double t = i / 5.0;
            List<Detection> dets = new ArrayList<>();
            Map<Integer, Detection> byActor = new java.util.HashMap<>();
            for (int k = 0; k < actors.size(); k++) {
                Actor a = actors.get(k);
                if (t < a.from() || t > a.to()) {
                    continue;
                }
                Vec2 g = a.path().apply(t);
                double w = a.widthMetres() * 10;
                double h = a.lengthMetres() * 10;
                Box box = new Box(g.x() * 10 - w / 2, 2000 - g.y() * 10 - h / 2, w, h);
                DoubleFunction<double[]> group = groups.get(k);
                byActor.put(k, group == null ? new Detection(box, a.cls(), 0.9, a.cls() == ObjectClass.STATIC_OBJECT)
                        : new Detection(box, a.cls(), 0.9, false, group.apply(t)[0], group.apply(t)[1]));
            }
            for (Merge m : merges) {
                if (t >= m.from() && t <= m.to() && byActor.containsKey(m.a()) && byActor.containsKey(m.b())) {
                    Box a = byActor.remove(m.a()).box();
                    Box b = byActor.remove(m.b()).box();
                    double x0 = Math.min(a.x(), b.x());
                    double y0 = Math.min(a.y(), b.y());
                    Box u = new Box(x0, y0, Math.max(a.x() + a.w(), b.x() + b.w()) - x0,
                            Math.max(a.y() + a.h(), b.y() + b.h()) - y0);
                    dets.add(new Detection(u, actors.get(m.a()).cls(), 0.9, false));
                }
            }
            dets.addAll(byActor.values());
            var tracks = tracker.update(t, dets, view.mapping());
            Map<Rule, List<RuleHit>> hits = engine.evaluate(new RuleContext(view, t, i, tracks, null));
            for (AlertTransition tr : life.step(t, hits)) {
                seen.add(new Seen(tr.rule().behaviour().id(), tr.phase(), t, tr.hit().zoneId()));
            }
        }
        for (AlertTransition tr : life.finish(seconds)) {
            seen.add(new Seen(tr.rule().behaviour().id(), tr.phase(), seconds, tr.hit().zoneId()));
        }
        return seen;
    }

    static List<Seen> starts(List<Seen> seen, String behaviour) {
        return seen.stream().filter(s -> s.behaviour().equals(behaviour) && s.phase() == Phase.START).toList();
    }
}
