package org.skypatrol.samples.drone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class PatrolRouteTest {

    // One degree of latitude on a 6,371,008.8 m sphere.
    private static final double METRES_PER_DEG_LAT = Math.toRadians(1) * 6_371_008.8;

    private final PatrolRoute northward = new PatrolRoute(List.of(
            new PatrolRoute.Waypoint(38.0, 106.0), new PatrolRoute.Waypoint(38.01, 106.0)));

    @Test
    void length_straightNorthSegment_isLatitudeArc() {
        assertThat(northward.lengthMetres()).isCloseTo(0.01 * METRES_PER_DEG_LAT, within(1e-6));
    }

    @Test
    void at_halfway_isMidpointHeadingNorth_thenSouthOnTheWayBack() {
        double half = northward.lengthMetres() / 2;
        PatrolRoute.Point out = northward.at(half);
        assertThat(out.latitudeDeg()).isCloseTo(38.005, within(1e-9));
        assertThat(out.courseDeg()).isCloseTo(0, within(1e-9));
        PatrolRoute.Point back = northward.at(3 * half);
        assertThat(back.latitudeDeg()).isCloseTo(38.005, within(1e-9));
        assertThat(back.courseDeg()).isCloseTo(180, within(1e-9));
        assertThat(northward.at(4 * half).latitudeDeg()).isCloseTo(38.0, within(1e-9));
    }

    @Test
    void g110_isAPatrolOfSomeKilometresHeadingSouthSouthWest() {
        PatrolRoute g110 = PatrolRoute.g110();
        assertThat(g110.lengthMetres()).isBetween(8_000.0, 12_000.0);
        assertThat(g110.at(10).courseDeg()).isBetween(180.0, 225.0);
    }

    @Test
    void flight_spreadsDronesAndFliesAtConstantSpeed() {
        FlightState a = PatrolFlight.g110(0, 4).at(100);
        FlightState b = PatrolFlight.g110(1, 4).at(100);
        assertThat(a.latitudeDeg()).isNotEqualTo(b.latitudeDeg());
        assertThat(Math.hypot(a.northMps(), a.eastMps())).isCloseTo(12.0, within(1e-9));
        assertThat(a.altitudeMslMetres()).isEqualTo(1230.0);
    }
}
