package org.skypatrol.analytics.track;

/**
 * Tracker tuning (seconds, metres).
 *
 * @param maxMissedMovingSeconds     a moving track survives this long without detections (occlusion)
 * @param maxMissedStationarySeconds a stationary track survives longer (detectors flicker on still objects)
 * @param minIou                     minimum overlap of predicted box and detection to associate
 * @param stationaryMetres           moved less than this over {@code stationaryWindowSeconds} = stationary
 * @param stationaryWindowSeconds    window for the stationary test
 * @param historySeconds             how much history each track keeps
 * @param minHits                    detections a new track needs before the rules see it (confirmation)
 */
public record TrackerSettings(double maxMissedMovingSeconds, double maxMissedStationarySeconds, double minIou,
                              double stationaryMetres, double stationaryWindowSeconds, double historySeconds,
                              int minHits) {

    public static TrackerSettings defaults() {
        return new TrackerSettings(2.0, 10.0, 0.1, 1.0, 2.0, 120.0, 3);
    }
}
