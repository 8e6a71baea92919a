package org.skypatrol.samples.scenegen;

/**
 * How a clip looks beyond its geometry: sensor noise, slow lighting changes (clouds), and the sun
 * that shades boxes and casts their shadows.
 *
 * @param noiseSigma          standard deviation of per-pixel Gaussian sensor noise (8-bit levels)
 * @param lightAmplitude      relative amplitude of the global brightness swing (0.1 = ±10 %)
 * @param lightPeriodSeconds  period of that swing
 * @param sunX                sun ray direction east component per metre of drop (shadow offset)
 * @param sunY                sun ray direction north component per metre of drop
 * @param shadowStrength      fraction of light a shadow removes (0..1)
 */
public record Look(double noiseSigma, double lightAmplitude, double lightPeriodSeconds, double sunX, double sunY,
                   double shadowStrength) {

    /** A sunny afternoon with a few clouds. */
    public static Look standard() {
        return new Look(4, 0.08, 14, 0.45, -0.3, 0.45);
    }

    /** Overcast and grainy: weak shadows, stronger noise and light swings. */
    public static Look overcast() {
        return new Look(6, 0.15, 9, 0.2, 0.15, 0.2);
    }

    /** Brightness gain at time t. */
    public double gain(double t) {
        return 1 + lightAmplitude * Math.sin(2 * Math.PI * t / lightPeriodSeconds);
    }
}
