package org.skypatrol.samples.drone;

/**
 * A drone flying a {@link PatrolRoute} back and forth at a constant speed and height, with a gentle
 * roll sway and a battery draining linearly: a pure function of the time since take-off, so a test
 * can compute what the gateway must report.
 */
public final class PatrolFlight implements Flight {

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

    @Override
    public FlightState at(double seconds) {
        PatrolRoute.Point p = route.at(startOffsetMetres + speedMps * seconds);
        double course = Math.toRadians(p.courseDeg());
        double north = speedMps * Math.cos(course);
        double east = speedMps * Math.sin(course);
        double roll = 2.0 * Math.sin(seconds * 0.5);
        double pitch = -3.0; // nose slightly down in forward flight
        double[] battery = Flight.battery(seconds);
        return new FlightState(p.latitudeDeg(), p.longitudeDeg(), groundMslMetres + heightMetres, heightMetres,
                north, east, 0, speedMps, roll, pitch, p.courseDeg(), battery[0], 18.5, (int) Math.round(battery[1]));
    }

    /** The patrol camera looks 45 degrees down, ahead. */
    @Override
    public double gimbalPitchDeg() {
        return -45;
    }

    @Override
    public double horizontalFovDeg() {
        return 84;
    }

    @Override
    public double verticalFovDeg() {
        return 53;
    }
}
