package org.skypatrol.analytics.detect;

/**
 * Tuning of the classical detector.
 *
 * @param analysisWidth    frames are converted to gray and downscaled to this width (pixels)
 * @param fastAlpha        learning rate of the fast background (absorbs a stopped object in seconds)
 * @param slowAlpha        learning rate of the slow background (learns only where nothing is in front)
 * @param diffThreshold    gray-level difference (0..255) that counts as foreground
 * @param minAreaPixels    smallest blob, in analysis-size pixels
 * @param compensateMotion register consecutive frames and warp the backgrounds (drone sway)
 * @param warmupSeconds    learning-only period at the start
 */
public record ClassicalSettings(int analysisWidth, double fastAlpha, double slowAlpha, double diffThreshold,
                                int minAreaPixels, boolean compensateMotion, double warmupSeconds) {

    public static ClassicalSettings defaults(boolean compensateMotion) {
        return new ClassicalSettings(480, 0.08, 0.01, 22, 24, compensateMotion, 1.0);
    }
}
