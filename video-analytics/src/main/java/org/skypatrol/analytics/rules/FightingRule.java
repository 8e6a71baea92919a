package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.skypatrol.analytics.detect.ObjectClass;
import org.skypatrol.analytics.detect.SizeClassifier;
import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * {@code fighting}: two or more people whose mean positions over the window are within
 * {@code closeMetres} (2) of each other, each moving
 * erratically over the last {@code windowSeconds} (2): path length at least {@code minPathMetres}
 * (2, a metre a second) and at least {@code erraticRatio} (2.5) times the net displacement (lots of
 * motion, going nowhere), sustained {@code sustainSeconds} (2); or one such erratic person track
 * whose blob held two people (see {@link #mergedPair}). One alert per scene at a time. Uses the raw
 * measured positions: the tracker's filter would smooth the motion energy away. The evidence flickers
 * for a frame or two whenever the scufflers' blobs merge or split (a track coasts, the other takes the
 * merged blob), so dropouts up to {@code sustainGapSeconds} (1) are tolerated while sustaining: with
 * 0.5 a fight seen from 8.6 s lost two frames at 10.8 s and started 3 s late. A track whose blob held
 * more than {@code maxPeoplePerTrack} (3.5) people ({@link TrackSnapshot#people()}) at any time over the
 * window is (a piece of) a group milling about, whose merged blobs jitter as people join and leave them
 * and whose tracks hop between its pieces, not a scuffling pair (a merged pair reads 2-3).
 */
public final class FightingRule extends AbstractRule {

    public FightingRule(Map<String, Double> overrides) {
        super(Behaviour.FIGHTING, Map.of("closeMetres", 2.0, "windowSeconds", 2.0, "minPathMetres", 2.0,
                "erraticRatio", 2.5, "minPairWidthMetres", 2.0, "sustainSeconds", 2.0, "sustainGapSeconds", 1.0,
                "maxPeoplePerTrack", 3.5),
                overrides);
    }

    @Override
    public String severity() {
        return "high";
    }

    @Override
    public List<RuleHit> evaluate(RuleContext ctx) {
        List<TrackSnapshot> erratic = ctx.tracksOf(c -> c == ObjectClass.PERSON).stream()
                .filter(t -> !group(t, ctx.timeSeconds()) && erratic(t, ctx.timeSeconds())).toList();
        List<RuleHit> hits = new ArrayList<>();
        for (int i = 0; i < erratic.size(); i++) {
            for (int j = i + 1; j < erratic.size(); j++) {
                TrackSnapshot a = erratic.get(i);
                TrackSnapshot b = erratic.get(j);
                if (centre(a, ctx.timeSeconds()).distance(centre(b, ctx.timeSeconds())) <= p("closeMetres")) {
                    // keyed by the scene, not the pair: in a scuffle blobs merge and split and the
                    // tracks swap ids, and each new pair must not restart the sustain time
                    hits.add(new RuleHit("scene", null, List.of(a.id(), b.id()),
                            a.ground().plus(b.ground()).times(0.5), "people " + a.id() + " and " + b.id()
                                    + " close together with erratic motion"));
                    return hits;                        // one fight alert per scene at a time
                }
            }
        }
        for (TrackSnapshot t : erratic) {
            if (mergedPair(t, ctx)) {
                hits.add(new RuleHit("scene", null, List.of(t.id()), t.ground(),
                        "people merged in track " + t.id() + " with erratic motion"));
                return hits;
            }
        }
        return hits;
    }

    /**
     * Whether the track's blob held two people over the window: its box was at some point at least
     * {@code minPairWidthMetres} (2) wide at the foot (two people side by side; one with the sun's
     * shadow is at most 1.7 m). People scuffling within a metre are one blob most of the time, and the
     * tracker keeps them as one track.
     */
    private boolean mergedPair(TrackSnapshot t, RuleContext ctx) {
        for (TrackPoint q : t.since(ctx.timeSeconds() - p("windowSeconds"))) {
            var size = SizeClassifier.measure(q.box(), ctx.view().mapping());
            if (size.isPresent() && size.get().widthMetres() >= p("minPairWidthMetres")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the track's blob held more than {@code maxPeoplePerTrack} people at some time over the window. */
    private boolean group(TrackSnapshot t, double now) {
        return t.people() > p("maxPeoplePerTrack")
                || t.since(now - p("windowSeconds")).stream().anyMatch(q -> q.people() > p("maxPeoplePerTrack"));
    }

    /** Mean measured position over the window: where a scuffling person is, on average. */
    private Vec2 centre(TrackSnapshot t, double now) {
        List<TrackPoint> pts = t.since(now - p("windowSeconds"));
        Vec2 sum = new Vec2(0, 0);
        for (TrackPoint q : pts) {
            sum = sum.plus(q.measured());
        }
        return pts.isEmpty() ? t.ground() : sum.times(1.0 / pts.size());
    }

    private boolean erratic(TrackSnapshot t, double now) {
        List<TrackPoint> pts = t.since(now - p("windowSeconds"));
        if (pts.size() < 4) {
            return false;
        }
        double path = 0;
        for (int i = 1; i < pts.size(); i++) {
            path += pts.get(i).measured().distance(pts.get(i - 1).measured());
        }
        double net = pts.get(pts.size() - 1).measured().distance(pts.get(0).measured());
        return path >= p("minPathMetres") && path >= p("erraticRatio") * Math.max(net, 0.1);
    }
}
