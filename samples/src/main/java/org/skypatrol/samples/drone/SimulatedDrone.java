package org.skypatrol.samples.drone;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.skypatrol.protocols.mavlink.Attitude;
import org.skypatrol.protocols.mavlink.BatteryStatus;
import org.skypatrol.protocols.mavlink.CameraFovStatus;
import org.skypatrol.protocols.mavlink.CommandLong;
import org.skypatrol.protocols.mavlink.GimbalDeviceAttitudeStatus;
import org.skypatrol.protocols.mavlink.GlobalPositionInt;
import org.skypatrol.protocols.mavlink.GpsRawInt;
import org.skypatrol.protocols.mavlink.Heartbeat;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkFrameWriter;
import org.skypatrol.protocols.mavlink.MavlinkMessage;
import org.skypatrol.protocols.mavlink.MavlinkMessages;
import org.skypatrol.protocols.mavlink.MavlinkVersion;
import org.skypatrol.protocols.mavlink.SysStatus;
import org.skypatrol.protocols.mavlink.VfrHud;

/**
 * One simulated MAVLink drone: an ArduCopter quad in AUTO, armed, flying its {@link Flight}.
 * It sends HEARTBEAT, SYS_STATUS, BATTERY_STATUS and GPS_RAW_INT at 1 Hz, GLOBAL_POSITION_INT,
 * ATTITUDE and VFR_HUD at the configured rate, and (MAVLink 2 only) its gimbal attitude and camera
 * field of view; it answers what the gateway sends through its {@link DroneComponent}s. Packet loss
 * skips sequence numbers; corruption flips one bit after the checksum is computed.
 *
 * <p>Confined to the simulator's event loop thread.
 */
public final class SimulatedDrone {

    static final int COMPID_AUTOPILOT = 1;

    private final int sysid;
    private final Flight flight;
    private final MavlinkVersion version;
    private final double loss;
    private final double corrupt;
    private final Random random;
    private final List<DroneComponent> components;
    private final MessageSchedule schedule = new MessageSchedule();
    private final DroneStats stats = new DroneStats();
    private final UnaryOperator<MavlinkFrame> signer;
    private Consumer<byte[]> wire = bytes -> { };
    /** Next sequence number per component (each component numbers its own frames). */
    private final int[] sequence = new int[256];
    private FlightState state;

    public SimulatedDrone(int sysid, Flight flight, MavlinkVersion version, double rateHz, double loss,
                          double corrupt, long seed, List<DroneComponent> components,
                          UnaryOperator<MavlinkFrame> signer) {
        this.sysid = sysid;
        this.flight = flight;
        this.version = version;
        this.loss = loss;
        this.corrupt = corrupt;
        this.random = new Random(seed);
        this.components = List.copyOf(components);
        this.signer = signer;
        // phases spread the drones' sends over the period instead of bursting them together
        double phase = random.nextDouble() / rateHz;
        schedule.add(Heartbeat.ID, 1, phase)
                .add(GlobalPositionInt.ID, rateHz, phase)
                .add(Attitude.ID, rateHz, phase)
                .add(VfrHud.ID, rateHz, phase)
                .add(SysStatus.ID, 1, phase + 0.25)
                .add(BatteryStatus.ID, 1, phase + 0.5)
                .add(GpsRawInt.ID, 1, phase + 0.75);
        if (version == MavlinkVersion.V2) {
            schedule.add(GimbalDeviceAttitudeStatus.ID, 2, phase + 0.3)
                    .add(CameraFovStatus.ID, 1, phase + 0.6);
        }
    }

    /** Where encoded frames go (set by the simulator once the socket exists). */
    void wire(Consumer<byte[]> sink) {
        this.wire = sink;
    }

    public int sysid() {
        return sysid;
    }

    public MessageSchedule schedule() {
        return schedule;
    }

    public DroneStats stats() {
        return stats;
    }

    /** The newest flight state sent (null before the first tick). */
    public FlightState state() {
        return state;
    }

    /** Sends everything due at {@code seconds} since take-off. */
    public void tick(double seconds) {
        state = flight.at(seconds);
        long bootMs = (long) (seconds * 1000);
        schedule.due(seconds, id -> send(build(id, state, bootMs, flight)));
        for (DroneComponent c : components) {
            c.onTick(this, seconds, this::send);
        }
    }

    /** A frame from the gateway. Commands for another system are ignored, as an autopilot does. */
    public void onFrame(MavlinkFrame frame) {
        stats.framesReceived.incrementAndGet();
        MavlinkMessage message = MavlinkMessages.decode(frame);
        if (message instanceof CommandLong c && c.targetSystem() != sysid && c.targetSystem() != 0) {
            return;
        }
        for (DroneComponent c : components) {
            if (c.onMessage(this, frame, message, this::send)) {
                return;
            }
        }
    }

    /** Frames and sends one message from the autopilot, applying the simulated loss and corruption. */
    public void send(MavlinkMessage message) {
        send(COMPID_AUTOPILOT, message);
    }

    /** Frames and sends one message from {@code componentId} of this drone. */
    public void send(int componentId, MavlinkMessage message) {
        int seq = sequence[componentId & 0xFF]++ & 0xFF;
        MavlinkFrame frame = signer.apply(MavlinkMessages.toFrame(version, seq, sysid, componentId, message));
        if (loss > 0 && random.nextDouble() < loss) {
            stats.framesDropped.incrementAndGet();
            return;
        }
        byte[] bytes = MavlinkFrameWriter.toBytes(frame);
        if (corrupt > 0 && random.nextDouble() < corrupt) {
            // any bit after the magic byte: a CRC failure at the receiver, or a resync on a bad length
            int bit = 8 + random.nextInt((bytes.length - 1) * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            stats.framesCorrupted.incrementAndGet();
        }
        stats.framesSent.incrementAndGet();
        wire.accept(bytes);
    }

    private static MavlinkMessage build(int id, FlightState s, long bootMs, Flight flight) {
        switch (id) {
            case Heartbeat.ID:
                // MAV_TYPE_QUADROTOR, MAV_AUTOPILOT_ARDUPILOTMEGA, armed + guided + stabilize + custom, AUTO (3), ACTIVE
                return new Heartbeat(2, 3, 128 | 16 | 8 | 1, 3, 4, 3);
            case GlobalPositionInt.ID:
                return new GlobalPositionInt(bootMs, (int) Math.round(s.latitudeDeg() * 1e7),
                        (int) Math.round(s.longitudeDeg() * 1e7), (int) Math.round(s.altitudeMslMetres() * 1000),
                        (int) Math.round(s.altitudeRelativeMetres() * 1000), (int) Math.round(s.northMps() * 100),
                        (int) Math.round(s.eastMps() * 100), (int) Math.round(s.downMps() * 100),
                        (int) Math.round(s.yawDeg() * 100) % 36000);
            case Attitude.ID:
                return new Attitude(bootMs, (float) Math.toRadians(s.rollDeg()), (float) Math.toRadians(s.pitchDeg()),
                        (float) Math.toRadians(s.yawDeg() > 180 ? s.yawDeg() - 360 : s.yawDeg()), 0, 0, 0);
            case VfrHud.ID:
                return new VfrHud((float) s.groundSpeedMps(), (float) s.groundSpeedMps(),
                        (int) Math.round(s.yawDeg()) % 360, 45, (float) s.altitudeMslMetres(), (float) -s.downMps());
            case SysStatus.ID:
                return new SysStatus(0, 0, 0, 350, (int) Math.round(s.batteryVolts() * 1000),
                        (int) Math.round(s.batteryAmps() * 100), s.batteryRemainingPercent(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
            case BatteryStatus.ID: {
                int cell = (int) Math.round(s.batteryVolts() * 1000 / 4);
                int[] cells = {cell, cell, cell, cell, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF};
                return new BatteryStatus(0, 1, 1, 2500, cells, (int) Math.round(s.batteryAmps() * 100), -1, -1,
                        s.batteryRemainingPercent(), 0, 1, new int[4], 0, 0);
            }
            case GpsRawInt.ID:
                return new GpsRawInt(bootMs * 1000, 3, (int) Math.round(s.latitudeDeg() * 1e7),
                        (int) Math.round(s.longitudeDeg() * 1e7), (int) Math.round(s.altitudeMslMetres() * 1000),
                        80, 120, (int) Math.round(s.groundSpeedMps() * 100), (int) Math.round(s.yawDeg() * 100) % 36000,
                        16, 0, 0, 0, 0, 0, 0);
            case GimbalDeviceAttitudeStatus.ID: {
                // the flight's camera pitch, yaw locked to the vehicle's heading (vehicle frame)
                float[] q = pitchQuaternion(flight.gimbalPitchDeg());
                return new GimbalDeviceAttitudeStatus(0, 0, bootMs, 32, q, 0, 0, 0, 0, 0, 0, 0);
            }
            case CameraFovStatus.ID:
                return new CameraFovStatus(bootMs, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                        Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, pitchQuaternion(flight.gimbalPitchDeg()),
                        (float) flight.horizontalFovDeg(), (float) flight.verticalFovDeg(), 0);
            default:
                throw new IllegalArgumentException("the simulator does not produce message " + id);
        }
    }

    private static float[] pitchQuaternion(double deg) {
        double h = Math.toRadians(deg) / 2;
        return new float[] {(float) Math.cos(h), 0f, (float) Math.sin(h), 0f};
    }
}
