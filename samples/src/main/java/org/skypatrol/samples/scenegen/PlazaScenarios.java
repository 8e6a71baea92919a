package org.skypatrol.samples.scenegen;

import static org.skypatrol.samples.scenegen.Scenario.Polarity.NEAR_MISS;
import static org.skypatrol.samples.scenegen.Scenario.Polarity.POSITIVE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scenarios on the paved square from the building-corner camera (view y ≈ 9..39 m, about ±9 m wide
 * near and ±20 m far). The watch zone is x -9..-3, y 12..20; the building site x 3..9, y 14..22.
 */
final class PlazaScenarios {

    private PlazaScenarios() {
    }

    static List<Scenario> all() {
        return List.of(crowd(), crowdNearMiss(), running(), runningNearMiss(), loitering(), loiteringNearMiss(),
                intrusion(), intrusionNearMiss(), fighting(), fightingNearMiss(), abandoned(), abandonedNearMiss());
    }

    private static Clip clip(String behaviour, Scenario.Polarity p, long seed, String description) {
        return new Clip(behaviour, p, seed, description).ground(Layouts.plaza(), Cameras.plaza());
    }

    /** People crossing the far side of the square, away from whatever the script is about. */
    static void passersBy(Clip c, int n, double y) {
        for (int k = 0; k < n; k++) {
            boolean east = k % 2 == 0;
            double t0 = k * 4.0;
            double yy = y + 2 * k;
            c.person(Trajectory.from(t0, east ? -25 : 25, yy, east ? 90 : 270).moveTo(east ? 25 : -25, yy, 1.3).build());
        }
    }

    /**
     * {@code n} people walk in from around a spot and stand within 3.5 m of it, swaying. Returns the
     * time the {@code k}-th person (1-based) arrives, for the truth.
     */
    static double[] gather(Clip c, int n, Pt spot) {
        SplittableRandom rng = c.rng();
        double[] arrivals = new double[n];
        for (int k = 0; k < n; k++) {
            // approach from the west, north and east only: the zones lie south of every spot used
            double a = Math.toRadians(-100 + 200.0 * k / Math.max(1, n - 1)) + rng.nextDouble() * 0.2 - 0.1;
            double r0 = 11 + 3 * rng.nextDouble();
            double r1 = 1 + 2.5 * rng.nextDouble();
            double b = a + rng.nextDouble() * 0.6 - 0.3;
            double speed = 1.2 + 0.3 * rng.nextDouble();
            Trajectory.Builder p = Trajectory.from(0, spot.x() + r0 * Math.sin(a), spot.y() + r0 * Math.cos(a), 0)
                    .stay(rng.nextDouble() * 1.5)
                    .moveTo(spot.x() + r1 * Math.sin(b), spot.y() + r1 * Math.cos(b), speed).mark("arrived");
            arrivals[k] = p.now();
            p.jitter(60, 0.35, 1.2, rng);
            c.person(p.build());
        }
        Arrays.sort(arrivals);
        return arrivals;
    }

    static Scenario crowd() {
        Clip c = clip("crowd_gathering", POSITIVE, 301, "twelve people gather around one spot and stay").duration(26);
        double[] arrivals = gather(c, 12, new Pt(0, 29));
        int threshold = (int) RuleParams.CROWD_MIN_PEOPLE;
        c.truth("crowd_gathering", arrivals[threshold - 1] + RuleParams.CROWD_SUSTAIN_SECONDS, null, null);
        return c.build();
    }

    static Scenario crowdNearMiss() {
        Clip c = clip("crowd_gathering", NEAR_MISS, 302,
                "eight people gather around one spot (the threshold is ten) while others pass by").duration(26);
        gather(c, 8, new Pt(0, 29));
        passersBy(c, 3, 39);
        return c.build();
    }

    /** People strolling within 5 m of (0, 30), clear of both zones, until {@code untilT}; their builders for more script. */
    static List<Trajectory.Builder> strollers(Clip c, int n, double untilT) {
        List<Trajectory.Builder> out = new ArrayList<>();
        SplittableRandom rng = c.rng();
        for (int k = 0; k < n; k++) {
            double a = rng.nextDouble() * 2 * Math.PI;
            double r = 5 * Math.sqrt(rng.nextDouble());
            out.add(Trajectory.from(0, r * Math.sin(a), 30 + r * Math.cos(a), 0)
                    .stroll(0, 30, 5, 1.0 + 0.3 * rng.nextDouble(), untilT, rng));
        }
        return out;
    }

    static Scenario running() {
        Clip c = clip("crowd_running", POSITIVE, 311,
                "ten people stroll on the square, then all run off in different directions at 5 m/s").duration(18);
        double runAt = 9;
        List<Actor> people = new ArrayList<>();
        for (Trajectory.Builder b : strollers(c, 10, runAt)) {
            // away from the centre, but never south into the zones: bearings folded into -110..110°
            Pt here = b.here();
            double bearing = Math.toDegrees(Math.atan2(here.x(), here.y() - 30));
            bearing = Math.max(-110, Math.min(110, bearing));
            double rad = Math.toRadians(bearing);
            people.add(c.person(b.moveTo(here.x() + 40 * Math.sin(rad), here.y() + 40 * Math.cos(rad), 5).build()));
        }
        c.truth("crowd_running", runAt + RuleParams.RUNNING_SUSTAIN_SECONDS, null, null, people.toArray(new Actor[0]));
        return c.build();
    }

    static Scenario runningNearMiss() {
        Clip c = clip("crowd_running", NEAR_MISS, 312,
                "ten people stroll on the square while two joggers cross it at 3.5 m/s").duration(18);
        for (Trajectory.Builder b : strollers(c, 10, 18)) {
            c.person(b.build());
        }
        c.person(Trajectory.from(3, -20, 30, 90).moveTo(20, 30, 3.5).build());
        c.person(Trajectory.from(6, 20, 25, 270).moveTo(-20, 25, 3.5).build());
        return c.build();
    }

    static Scenario loitering() {
        Clip c = clip("loitering", POSITIVE, 321, "a person walks into the bank-entrance watch zone and hangs about there")
                .duration(26);
        passersBy(c, 3, 30);
        Actor p = c.person(Trajectory.from(0, -14, 16, 90).moveTo(-6, 16, 1.3).stroll(-6, 16, 2, 0.5, 40, c.rng())
                .build());
        c.truth("loitering", c.firstInZone(p, "bank-entrance") + RuleParams.LOITERING_SECONDS, null, "bank-entrance", p);
        return c.build();
    }

    static Scenario loiteringNearMiss() {
        Clip c = clip("loitering", NEAR_MISS, 322,
                "one person walks through the watch zone; another waits 2 m outside it").duration(26);
        passersBy(c, 3, 30);
        c.person(Trajectory.from(2, -14, 15, 90).moveTo(0, 15, 1.3).moveTo(0, 45, 1.3).build());
        c.person(Trajectory.from(0, -1, 16, 180).jitter(40, 0.3, 1.5, c.rng()).build());
        return c.build();
    }

    static Scenario intrusion() {
        Clip c = clip("restricted_area_intrusion", POSITIVE, 331,
                "a person climbs into the fenced building site, looks around and leaves").duration(22);
        passersBy(c, 2, 32);
        Actor p = c.person(Trajectory.from(0, -2, 9, 45).moveTo(6, 18, 1.3).jitter(3, 0.5, 0.8, c.rng())
                .moveTo(13, 26, 1.3).moveTo(13, 45, 1.3).build());
        c.truth("restricted_area_intrusion", c.firstInZone(p, "building-site"), null, "building-site", p);
        return c.build();
    }

    static Scenario intrusionNearMiss() {
        Clip c = clip("restricted_area_intrusion", NEAR_MISS, 332,
                "a person walks around the building site's fence, 2 m outside it").duration(26);
        passersBy(c, 2, 32);
        c.person(Trajectory.from(0, -2, 12, 90).moveTo(11, 12, 1.3).moveTo(11, 30, 1.3).moveTo(-6, 30, 1.3).build());
        return c.build();
    }

    static Scenario fighting() {
        Clip c = clip("fighting", POSITIVE, 341, "two people meet and scuffle for 8 s, then one runs off").duration(22);
        passersBy(c, 2, 34);
        Trajectory.Builder a = Trajectory.from(0, -8, 22, 90).moveTo(-1.6, 26, 1.4);
        Trajectory.Builder b = Trajectory.from(0, 8, 32, 270).moveTo(-0.4, 26, 1.4);
        double start = Math.max(a.now(), b.now()) + 0.5;
        a.stay(start - a.now());
        b.stay(start - b.now());
        Actor pa = c.person(a.jitter(8, 0.9, 0.25, c.rng()).moveTo(-20, 34, 4).build());
        Actor pb = c.person(b.jitter(8, 0.9, 0.25, c.rng()).stay(20).build());
        c.truth("fighting", start + RuleParams.FIGHTING_SUSTAIN_SECONDS, null, null, pa, pb);
        return c.build();
    }

    static Scenario fightingNearMiss() {
        Clip c = clip("fighting", NEAR_MISS, 342,
                "three people stand chatting close together for 15 s; a jogger passes alone").duration(22);
        double[][] spots = {{-1.2, 26}, {0.3, 27}, {0.6, 25.5}};
        for (double[] s : spots) {
            c.person(Trajectory.from(0, s[0] * 8, s[1] + 12, 180).moveTo(s[0], s[1], 1.3).jitter(15, 0.15, 1.5, c.rng())
                    .moveTo(s[0] + 20, s[1] + 15, 1.3).build());
        }
        c.person(Trajectory.from(4, -20, 33, 90).moveTo(20, 33, 3.2).build());
        return c.build();
    }

    /** A person carrying a bag to (2, 27); the bag rides 0.35 m to their right until put down. */
    static Scenario abandoned() {
        Clip c = clip("abandoned_object", POSITIVE, 351,
                "a person carries a bag in, puts it down and walks out of view").duration(26);
        Trajectory owner = Trajectory.from(0, -2, 21, 35).moveTo(2, 27, 1.3).mark("drop").stay(1.5)
                .moveTo(16, 42, 1.4).build();
        Actor person = c.person(owner);
        double drop = owner.mark("drop");
        Trajectory bag = Trajectory.from(0, -2 + 0.35, 21, 35).moveTo(2.35, 27, 1.3).stay(60).build();
        Actor obj = c.add(ActorKind.OBJECT, 0x202020, bag);
        double gone = drop;
        while (owner.position(gone).distance(bag.position(gone)) <= RuleParams.ABANDONED_OWNER_RADIUS_METRES) {
            gone += 0.05;
        }
        passersBy(c, 2, 36);
        c.truth("abandoned_object", gone + RuleParams.ABANDONED_SECONDS, null, null, obj);
        return c.build();
    }

    static Scenario abandonedNearMiss() {
        Clip c = clip("abandoned_object", NEAR_MISS, 352,
                "a person puts a bag down and stays beside it").duration(26);
        c.person(Trajectory.from(0, -2, 21, 35).moveTo(2, 27, 1.3).jitter(40, 0.25, 1.5, c.rng()).build());
        c.add(ActorKind.OBJECT, 0x202020, Trajectory.from(0, -2 + 0.35, 21, 35).moveTo(2.6, 27, 1.3).stay(60).build());
        passersBy(c, 2, 36);
        return c.build();
    }
}
