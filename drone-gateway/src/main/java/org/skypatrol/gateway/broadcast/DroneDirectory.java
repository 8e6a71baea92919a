package org.skypatrol.gateway.broadcast;

/** What the broadcast service needs to know about a drone before it accepts a command for it. */
public interface DroneDirectory {

    /** The drone's link as last reported, or {@code Entry.UNKNOWN}. */
    Entry lookup(String droneId);

    /** Link state and transport name ({@code mavlink}, {@code dji}, or null when not known). */
    record Entry(Presence presence, String transport) {
        public static final Entry UNKNOWN = new Entry(Presence.UNKNOWN, null);
    }

    /** Never seen, seen but offline, or reachable (online or stale). */
    enum Presence { UNKNOWN, OFFLINE, ONLINE }
}
