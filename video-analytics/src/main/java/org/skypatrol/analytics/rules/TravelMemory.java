package org.skypatrol.analytics.rules;

import java.util.HashSet;
import java.util.Set;

import org.skypatrol.analytics.track.TrackSnapshot;

/**
 * Remembers which live tracks came from somewhere: seen (in this frame) at least a given distance from
 * where they were first seen ({@link Motion#travelledMetres}) while their blob was changing (at least a
 * given share of it changed since the previous frame, or the detector does not measure it). A person or
 * a vehicle moving in changes most of its blob; a zone's painted outline or fence turned foreground by a
 * change of light changes nothing while its track jumps between the pieces that flicker up. Remembered
 * because a track's history is bounded: a person who walked into a zone and then stood there for minutes
 * has outlived the part of it that shows the walk. One per rule instance (per stream), fed every frame;
 * tracks no longer live are forgotten.
 */
final class TravelMemory {

    private final Set<Integer> cameIn = new HashSet<>();

    /** Looks at this frame's tracks; call once per frame before {@link #cameIn}. */
    void observe(RuleContext ctx, double metres, double minChanging) {
        cameIn.retainAll(ctx.tracks().stream().map(TrackSnapshot::id).toList());
        for (TrackSnapshot t : ctx.tracks()) {
            if (t.missedSeconds() == 0 && !(t.changing() < minChanging) && Motion.travelledMetres(t) >= metres) {
                cameIn.add(t.id());
            }
        }
    }

    /** Whether the track has (while live) been seen moving in: see the class comment. */
    boolean cameIn(TrackSnapshot t) {
        return cameIn.contains(t.id());
    }
}
