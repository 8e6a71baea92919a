package org.skypatrol.analytics.detect;

/**
 * Tuning of the classical detector.
 *
 * @param analysisWidth    frames are converted to gray and downscaled to this width (pixels)
 * @param fastAlpha        learning rate of the fast background (absorbs a stopped object in seconds)
 * @param slowAlpha        learning rate of the slow background (learns only where nothing is in front)
 * @param diffThreshold    gray-level difference (0..255) that counts as foreground
 * @param minAreaPixels    smallest blob, in analysis-size pixels
 * @param compensateMotion a moving camera (drone): register consecutive frames and warp the backgrounds
 * @param warmupSeconds    learning-only period at the start
 * @param stabilise        a fixed camera that sways: register each frame to the background by a
 *                         shift (phase correlation) before differencing; ignored with compensateMotion
 */
public record ClassicalSettings(int analysisWidth, double fastAlpha, double slowAlpha, double diffThreshold,
                                int minAreaPixels, boolean compensateMotion, double warmupSeconds, boolean stabilise) {

    /** Defaults; a camera that does not move is stabilised against sway. */
    public static ClassicalSettings defaults(boolean compensateMotion) {
        return new ClassicalSettings(480, 0.08, 0.01, 22, 24, compensateMotion, 1.0, !compensateMotion);
    }

    public ClassicalSettings withStabilise(boolean on) {
        return new ClassicalSettings(analysisWidth, fastAlpha, slowAlpha, diffThreshold, minAreaPixels,
                compensateMotion, warmupSeconds, on);
    }
}
