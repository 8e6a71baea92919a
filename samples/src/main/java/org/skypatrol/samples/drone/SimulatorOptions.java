package org.skypatrol.samples.drone;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;

import org.skypatrol.protocols.mavlink.MavlinkSigningKey;
import org.skypatrol.protocols.mavlink.MavlinkVersion;

/**
 * How to run a {@link DroneSimulator}.
 *
 * @param count      drones, with system ids {@code firstSysid ..}; MAVLink has 255 system ids per
 *                   network, so drones beyond {@link #DRONES_PER_PORT} go to the next port up
 *                   (drone i: port {@code target.port + i / 250}, sysid {@code firstSysid + i % 250})
 * @param target     the gateway endpoint (the first one when there are more than 250 drones)
 * @param tcp        connect over TCP (one connection per drone) instead of UDP (one socket per drone)
 * @param version    MAVLink version on the wire
 * @param rateHz     rate of GLOBAL_POSITION_INT, ATTITUDE and VFR_HUD
 * @param loss       probability that a frame is dropped before sending
 * @param corrupt    probability that a sent frame has one bit flipped
 * @param firstSysid system id of the first drone (1..255)
 * @param seed       random seed (phases, loss, corruption)
 * @param clock      seconds since take-off (tests freeze it); null means real elapsed time
 * @param signingKey MAVLink 2 signing key: every frame sent is signed and every frame received
 *                   must carry a valid signature; null for unsigned
 * @param components the components of drone {@code sysid}, asked in order (a command responder last)
 * @param packDatagrams UDP: send the frames of one tick together in one datagram (as PX4 and
 *                   ArduPilot fill a network buffer per loop) instead of one datagram per frame
 * @param flights    the flight of drone {@code sysid}; null: every drone patrols G110, spread along it
 */
public record SimulatorOptions(int count, InetSocketAddress target, boolean tcp, MavlinkVersion version,
                               double rateHz, double loss, double corrupt, int firstSysid, long seed,
                               DoubleSupplier clock, MavlinkSigningKey signingKey,
                               IntFunction<List<DroneComponent>> components, boolean packDatagrams,
                               IntFunction<Flight> flights) {

    /** Drones sent to one gateway port; the rest go to the following ports. */
    public static final int DRONES_PER_PORT = 250;

    public SimulatorOptions {
        if (count < 1 || firstSysid < 1 || firstSysid + Math.min(count, DRONES_PER_PORT) - 1 > 254) {
            throw new IllegalArgumentException("count and firstSysid must give system ids in 1..254");
        }
        if (rateHz <= 0 || rateHz > 1000 || loss < 0 || loss > 1 || corrupt < 0 || corrupt > 1) {
            throw new IllegalArgumentException("rate must be in (0, 1000], loss and corrupt in [0, 1]");
        }
    }

    /** The gateway address of drone {@code index}. */
    public InetSocketAddress targetOf(int index) {
        return new InetSocketAddress(target.getAddress(), target.getPort() + index / DRONES_PER_PORT);
    }

    /** The system id of drone {@code index}. */
    public int sysidOf(int index) {
        return firstSysid + index % DRONES_PER_PORT;
    }

    /** Defaults: MAVLink 2 over UDP at 10 Hz, no loss or corruption, a loudspeaker and the standard command responder. */
    public static SimulatorOptions udp(int count, InetSocketAddress target) {
        return new SimulatorOptions(count, target, false, MavlinkVersion.V2, 10, 0, 0, 1, 1, null,
                null, sysid -> List.of(new Loudspeaker(Loudspeaker.DEFAULT_COMPONENT_ID), new CommandResponder()), false,
                null);
    }

    public SimulatorOptions withTcp(boolean useTcp) {
        return new SimulatorOptions(count, target, useTcp, version, rateHz, loss, corrupt, firstSysid, seed, clock,
                signingKey, components, packDatagrams, flights);
    }

    public SimulatorOptions withVersion(MavlinkVersion v) {
        return new SimulatorOptions(count, target, tcp, v, rateHz, loss, corrupt, firstSysid, seed, clock, signingKey,
                components, packDatagrams, flights);
    }

    public SimulatorOptions withRate(double hz) {
        return new SimulatorOptions(count, target, tcp, version, hz, loss, corrupt, firstSysid, seed, clock, signingKey,
                components, packDatagrams, flights);
    }

    public SimulatorOptions withFaults(double lossP, double corruptP) {
        return new SimulatorOptions(count, target, tcp, version, rateHz, lossP, corruptP, firstSysid, seed, clock,
                signingKey, components, packDatagrams, flights);
    }

    public SimulatorOptions withClock(DoubleSupplier secondsSinceTakeOff) {
        return new SimulatorOptions(count, target, tcp, version, rateHz, loss, corrupt, firstSysid, seed,
                secondsSinceTakeOff, signingKey, components, packDatagrams, flights);
    }

    public SimulatorOptions withSigning(MavlinkSigningKey key) {
        return new SimulatorOptions(count, target, tcp, version, rateHz, loss, corrupt, firstSysid, seed, clock, key,
                components, packDatagrams, flights);
    }

    public SimulatorOptions withPacking(boolean pack) {
        return new SimulatorOptions(count, target, tcp, version, rateHz, loss, corrupt, firstSysid, seed, clock, signingKey,
                components, pack, flights);
    }

    public SimulatorOptions withFirstSysid(int sysid) {
        return new SimulatorOptions(count, target, tcp, version, rateHz, loss, corrupt, sysid, seed, clock, signingKey,
                components, packDatagrams, flights);
    }

    public SimulatorOptions withComponents(IntFunction<List<DroneComponent>> c) {
        return new SimulatorOptions(count, target, tcp, version, rateHz, loss, corrupt, firstSysid, seed, clock,
                signingKey, c, packDatagrams, flights);
    }

    /** Drone {@code sysid} flies {@code f.apply(sysid)} instead of patrolling G110. */
    public SimulatorOptions withFlights(IntFunction<Flight> f) {
        return new SimulatorOptions(count, target, tcp, version, rateHz, loss, corrupt, firstSysid, seed, clock,
                signingKey, components, packDatagrams, f);
    }

    /**
     * Each drone also answers MAV_CMD_REQUEST_MESSAGE(269) with VIDEO_STREAM_INFORMATION carrying
     * {@code uri} ({@code {sysid}} replaced), ahead of the existing components.
     */
    public SimulatorOptions withVideoUri(String uri) {
        IntFunction<List<DroneComponent>> base = components;
        return withComponents(sysid -> {
            List<DroneComponent> all = new java.util.ArrayList<>();
            all.add(new VideoStreamResponder(uri));
            all.addAll(base.apply(sysid));
            return all;
        });
    }
}
