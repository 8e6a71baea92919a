package org.skypatrol.samples.scenegen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A small script builder for one scenario: pick the ground and camera, add actors (ids assigned in
 * order, 1, 2, ...), state the truth, build. Random choices (colours, jitter, traffic) come from
 * {@link #rng()}, seeded by the scenario's seed, so a library render is reproducible.
 */
final class Clip {

    private static final int[] CAR_COLOURS = {0xE8E8E8, 0xB8BCC0, 0x202226, 0xB02020, 0x2848A0, 0x2E5E3A,
        0xE0B020, 0x7A4A2A, 0x606870};
    private static final int[] CLOTHES = {0x3050A0, 0xA02828, 0x2A2A2A, 0xE0E0D0, 0x407040, 0xD08020,
        0x704090, 0x20A0A0};

    private final String behaviour;
    private final Scenario.Polarity polarity;
    private final String description;
    private final long seed;
    private final SplittableRandom rng;
    private final List<Actor> actors = new ArrayList<>();
    private final List<Scenario.TruthPhase> truth = new ArrayList<>();
    private String suffix = "";
    private Layout layout;
    private CameraRig rig;
    private Look look = Look.standard();
    private double duration = 20;
    private double fps = 10;
    private List<String> disabled = List.of();
    private int nextId = 1;

    /**
     * System property added to every clip's seed: the same scripts rendered with other texture grain,
     * sensor noise, colours and jitter, a variant of the library the analytics were not tuned on
     * ({@code Main --seed-offset N}, {@code scripts/eval-behaviours.sh --seed-offset N}).
     */
    static final String SEED_OFFSET_PROPERTY = "skypatrol.scenegen.seedOffset";

    Clip(String behaviour, Scenario.Polarity polarity, long seed, String description) {
        this.behaviour = behaviour;
        this.polarity = polarity;
        this.description = description;
        this.seed = seed + Long.getLong(SEED_OFFSET_PROPERTY, 0L);
        this.rng = new SplittableRandom(this.seed);
    }

    Clip suffix(String s) {
        this.suffix = "-" + s;
        return this;
    }

    Clip ground(Layout l, CameraRig r) {
        this.layout = l;
        this.rig = r;
        this.disabled = l.name().equals("plaza") ? List.of() : RuleParams.ROAD_DISABLED;
        return this;
    }

    Clip look(Look l) {
        this.look = l;
        return this;
    }

    Clip duration(double seconds) {
        this.duration = seconds;
        return this;
    }

    Clip fps(double f) {
        this.fps = f;
        return this;
    }

    SplittableRandom rng() {
        return rng;
    }

    CameraRig rig() {
        return rig;
    }

    Layout layout() {
        return layout;
    }

    int carColour() {
        return CAR_COLOURS[rng.nextInt(CAR_COLOURS.length)];
    }

    int clothes() {
        return CLOTHES[rng.nextInt(CLOTHES.length)];
    }

    Actor add(ActorKind kind, int rgb, Trajectory path) {
        Actor a = Actor.of(nextId++, kind, rgb, path);
        actors.add(a);
        return a;
    }

    Actor car(Trajectory path) {
        Actor a = Actor.of(nextId++, ActorKind.CAR, carColour(), path).scaled(0.9 + 0.25 * rng.nextDouble());
        actors.add(a);
        return a;
    }

    Actor person(Trajectory path) {
        return add(ActorKind.PERSON, clothes(), path);
    }

    /**
     * Background traffic in one lane: {@code count} cars (now and then a van) at a constant speed and
     * spacing, the first at {@code firstY} when the clip starts and the others following, so it never
     * interacts with the script.
     */
    void traffic(double laneX, boolean northbound, double speedMps, double headwayMetres, int count, double firstY) {
        for (int k = 0; k < count; k++) {
            double y0 = northbound ? firstY - k * headwayMetres : firstY + k * headwayMetres;
            double y1 = northbound ? 260 : -45;
            Trajectory p = Trajectory.from(0, laneX, y0, northbound ? 0 : 180).moveTo(laneX, y1, speedMps).build();
            int pick = rng.nextInt(10);
            ActorKind kind = pick == 0 ? ActorKind.VAN : ActorKind.CAR;
            Actor a = Actor.of(nextId++, kind, carColour(), p).scaled(0.9 + 0.2 * rng.nextDouble());
            actors.add(a);
        }
    }

    /** First time in [from, duration] when the actor is present, {@code where} holds and the camera sees it. */
    double firstSeen(Actor a, Predicate<Pt> where, double from) {
        for (double t = Math.max(from, a.path().startTime()); t <= duration; t += 0.05) {
            Pt p = a.path().position(t);
            if (a.path().present(t) && where.test(p) && rig.at(t).sees(p, 20)) {
                return Math.round(t * 100) / 100.0;
            }
        }
        throw new IllegalStateException(behaviour + suffix + ": actor " + a.id() + " never seen where the script needs it");
    }

    /** First time the actor's footprint centre is inside the zone and in view. */
    double firstInZone(Actor a, String zoneId) {
        Layout.ZoneSpec z = layout.zone(zoneId);
        return firstSeen(a, z::contains, 0);
    }

    Clip truth(String b, double start, Double end, String zoneId, Actor... involved) {
        List<Integer> ids = new ArrayList<>();
        for (Actor a : involved) {
            ids.add(a.id());
        }
        truth.add(new Scenario.TruthPhase(b, Math.round(start * 100) / 100.0,
                end == null ? null : Math.round(end * 100) / 100.0, zoneId, ids));
        return this;
    }

    Scenario build() {
        if (truth.stream().anyMatch(p -> p.startSeconds() >= duration - 1)) {
            throw new IllegalStateException(behaviour + suffix + ": a truth phase starts too close to the clip end");
        }
        String name = behaviour + "-" + polarity.id() + suffix;
        return new Scenario(name, behaviour, polarity, description, seed, duration, fps, layout, rig, look,
                actors, RuleParams.without(disabled), disabled, truth);
    }
}
