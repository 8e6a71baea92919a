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
 * @param reidSeconds                a confirmed track lost while slow can be taken up again this long after
 *                                   (a stopping car fades from the moving mask before it shows as newly static)
 * @param reidMetres                 ... by a new detection this close to where it was lost (plus ten pixels
 *                                   of foot-point jitter at the ground scale)
 * @param reidMaxSpeedMps            only tracks slower than this when lost are taken up again
 */
public record TrackerSettings(double maxMissedMovingSeconds, double maxMissedStationarySeconds, double minIou,
                              double stationaryMetres, double stationaryWindowSeconds, double historySeconds,
                              int minHits, double reidSeconds, double reidMetres, double reidMaxSpeedMps) {

    public static TrackerSettings defaults() {
        return new TrackerSettings(2.0, 10.0, 0.1, 1.0, 2.0, 120.0, 3, 10.0, 2.5, 3.0);
    }
}
