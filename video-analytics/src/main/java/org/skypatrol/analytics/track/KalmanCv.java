package org.skypatrol.analytics.track;

/**
 * A one-axis constant-velocity Kalman filter (state: position, velocity), run once per ground axis.
 * Process noise is white acceleration with spectral density {@code q}; measurement noise variance
 * {@code r}. Small and allocation-free: the tracker runs two per track per frame.
 */
final class KalmanCv {

    private double x;
    private double v;
    private double p00;
    private double p01;
    private double p11;
    private final double q;

    KalmanCv(double position, double q, double initialVelocityVariance) {
        this.x = position;
        this.q = q;
        this.p00 = 1;
        this.p11 = initialVelocityVariance;
    }

    void predict(double dt) {
        x += v * dt;
        double dt2 = dt * dt;
        double n00 = p00 + dt * (2 * p01 + dt * p11) + q * dt2 * dt / 3;
        double n01 = p01 + dt * p11 + q * dt2 / 2;
        double n11 = p11 + q * dt;
        p00 = n00;
        p01 = n01;
        p11 = n11;
    }

    void update(double z, double r) {
        double s = p00 + r;
        double k0 = p00 / s;
        double k1 = p01 / s;
        double y = z - x;
        x += k0 * y;
        v += k1 * y;
        double n00 = (1 - k0) * p00;
        double n01 = (1 - k0) * p01;
        double n11 = p11 - k1 * p01;
        p00 = n00;
        p01 = n01;
        p11 = n11;
    }

    double position() {
        return x;
    }

    double velocity() {
        return v;
    }

    void stop() {
        v = 0;
    }
}
