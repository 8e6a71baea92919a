package org.skypatrol.analytics.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.track.TrackPoint;
import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * The course test of {@link AbnormalStopRule}'s hand-over (see its class comment): logs where vehicles that drove
 * in were measured moving, and finds the one whose course ends, braking, where a track that did not drive in now
 * rests. One per rule instance (per stream), fed every frame.
 */
final class HandoverCourse {

    /** Track {@code id}, a vehicle that drove in, measured moving at {@code time} at {@code where} with {@code velocity} (m/s). */
    record Drive(int id, double time, Vec2 where, Vec2 velocity) {
    }

    private final List<Drive> drives = new ArrayList<>();
    /** Where vehicles with a logged drive were measured since (moving or not), oldest first: did they drive on? */
    private final List<Drive> seen = new ArrayList<>();
    private final double reach;
    private final double seconds;
    private final double maxBrake;
    private final double onLine;
    private final double minSpeed;
    private final double span;
    private final double keep;

    /**
     * @param reach    {@code handoverMetres}: how far off its course (across, behind, beyond) a rest may lie
     * @param seconds  {@code handoverSeconds}: how long before the rest the vehicle was measured moving
     * @param maxBrake {@code maxBrakeMps2}: the hardest braking that can stop it there
     * @param onLine   {@code throughMetres}: within this of its line of travel a vehicle seen now is on its course
     * @param minSpeed {@code slowKph} in m/s: the least speed logged as a drive
     * @param span     seconds over which a drive's velocity is measured
     * @param keep     seconds a drive is kept
     */
    HandoverCourse(double reach, double seconds, double maxBrake, double onLine, double minSpeed, double span, double keep) {
        this.reach = reach;
        this.seconds = seconds;
        this.maxBrake = maxBrake;
        this.onLine = onLine;
        this.minSpeed = minSpeed;
        this.span = span;
        this.keep = keep;
    }

    /**
     * Logs where every vehicle that drove in ({@code droveIn} up to now) was measured moving at {@code minSpeed} or
     * faster in this frame; forgets drives older than {@code keep}.
     */
    void observe(RuleContext ctx, List<TrackSnapshot> vehicles, BiPredicate<TrackSnapshot, Double> droveIn) {
        double now = ctx.timeSeconds();
        drives.removeIf(d -> now - d.time() > keep);
        seen.removeIf(d -> now - d.time() > keep);
        for (TrackSnapshot m : vehicles) {
            List<TrackPoint> h = m.history();
            if (m.missedSeconds() > 0 || !ctx.uncut(m.box()) || h.size() < 2) {
                continue;
            }
            TrackPoint last = h.get(h.size() - 1);
            if (!last.placed() && drives.stream().anyMatch(d -> d.id() == m.id())) {
                seen.add(new Drive(m.id(), now, last.measured(), new Vec2(0, 0)));
            }
            TrackPoint before = Motion.spanEnd(h, h.size() - 1, -1, span, 2 * span);
            if (before == null) {
                continue;
            }
            Vec2 v = last.measured().minus(before.measured()).times(1 / (last.timeSeconds() - before.timeSeconds()));
            if (v.length() >= minSpeed && droveIn.test(m, now)) {
                drives.add(new Drive(m.id(), now, last.measured(), v));
            }
        }
    }

    /**
     * The drive of another vehicle, measured within {@code seconds} before {@code since}, on a course that ends,
     * braking, at {@code where} (within {@code reach} of its line of travel, no more than {@code reach} behind it,
     * no farther ahead than its speed carries it in the time between plus {@code reach}, near enough to stop there
     * at no more than {@code maxBrake}), and whose vehicle was not seen driving on along that line past it
     * afterwards ({@link #droveOn}). Null if none.
     */
    Drive droveTo(int id, double since, Vec2 where) {
        for (Drive d : drives) {
            double dt = since - d.time();
            if (d.id() == id || dt < -1e-9 || dt > seconds) {
                continue;
            }
            double speed = d.velocity().length();
            Vec2 u = d.velocity().times(1 / speed);
            Vec2 r = where.minus(d.where());
            double along = r.dot(u);
            double across = Math.abs(r.x() * u.y() - r.y() * u.x());
            if (across <= reach && along >= -reach && along <= speed * dt + reach
                    && speed * speed / (2 * (Math.max(0, along) + reach)) <= maxBrake && !droveOn(d, u, where)) {
                return d;
            }
        }
        return null;
    }

    /**
     * Whether the drive's vehicle was measured after that drive more than {@code reach} beyond {@code where} and
     * within {@code onLine} of its line of travel: it drove on past the rest, which is not where it stopped but
     * something it left behind (render 40000, congestion near miss: a 14 x 5 px sliver left standing in lane 1 by a
     * car passing at 18 m/s, whose track was measured driving on 7-27 m beyond it while the sliver took over "its"
     * stop). A track that lost the car and coasted (unmeasured), or swapped onto a car passing in the next lane (a
     * lane, 3.5 m, to the side), did not drive on.
     */
    private boolean droveOn(Drive d, Vec2 u, Vec2 where) {
        for (Drive e : seen) {
            Vec2 line = e.where().minus(d.where());
            if (e.id() == d.id() && e.time() > d.time() && e.where().minus(where).dot(u) > reach
                    && Math.abs(line.x() * u.y() - line.y() * u.x()) <= onLine) {
                return true;
            }
        }
        return false;
    }
}
