package org.skypatrol.samples.drone;

/**
 * A drone flying a {@link PatrolRoute} back and forth at a constant speed and height, with a gentle
 * roll sway and a battery draining linearly: a pure function of the time since take-off, so a test
 * can compute what the gateway must report.
 */
public final class PatrolFlight {

    private final PatrolRoute route;
    private final double startOffsetMetres;
    private final double speedMps;
    private final double heightMetres;
    private final double groundMslMetres;

    /**
     * @param startOffsetMetres where on the route this drone starts (several drones spread out)
     */
    public PatrolFlight(PatrolRoute route, double startOffsetMetres, double speedMps, double heightMetres,
                        double groundMslMetres) {
        this.route = route;
        this.startOffsetMetres = startOffsetMetres;
        this.speedMps = speedMps;
        this.heightMetres = heightMetres;
        this.groundMslMetres = groundMslMetres;
    }

    public static PatrolFlight g110(int index, int count) {
        PatrolRoute route = PatrolRoute.g110();
        double offset = count <= 1 ? 0 : 2 * route.lengthMetres() * index / count;
        return new PatrolFlight(route, offset, 12.0, 120.0, PatrolRoute.G110_GROUND_MSL_M);
    }

    /** State after {@code seconds} of flight. */
    public FlightState at(double seconds) {
        PatrolRoute.Point p = route.at(startOffsetMetres + speedMps * seconds);
        double course = Math.toRadians(p.courseDeg());
        double north = speedMps * Math.cos(course);
        double east = speedMps * Math.sin(course);
        double roll = 2.0 * Math.sin(seconds * 0.5);
        double pitch = -3.0; // nose slightly down in forward flight
        // 4S pack: 16.8 V full, 14.0 V empty; about 40 minutes of flight
        double remaining = Math.max(0, 100 - seconds / 24.0);
        double volts = 14.0 + 2.8 * remaining / 100;
        return new FlightState(p.latitudeDeg(), p.longitudeDeg(), groundMslMetres + heightMetres, heightMetres,
                north, east, 0, speedMps, roll, pitch, p.courseDeg(), volts, 18.5, (int) Math.round(remaining));
    }
}
