package org.skypatrol.gateway.drones;

import java.time.Duration;
import java.time.Instant;

import org.skypatrol.gateway.events.DroneStatusEvent.LinkState;

/**
 * Link state from the age of the last HEARTBEAT: online while younger than {@code staleAfter},
 * stale until {@code offlineAfter}, offline beyond (defaults 3 s and 10 s: three missed 1 Hz
 * heartbeats make a link stale, as QGroundControl and mavlink-router judge it).
 */
public record LinkPolicy(Duration staleAfter, Duration offlineAfter) {

    public LinkPolicy {
        if (staleAfter.isNegative() || staleAfter.isZero() || offlineAfter.compareTo(staleAfter) <= 0) {
            throw new IllegalArgumentException("need 0 < staleAfter < offlineAfter, got "
                    + staleAfter + " and " + offlineAfter);
        }
    }

    public static LinkPolicy defaults() {
        return new LinkPolicy(Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    public static LinkPolicy ofSeconds(double stale, double offline) {
        return new LinkPolicy(Duration.ofNanos((long) (stale * 1e9)), Duration.ofNanos((long) (offline * 1e9)));
    }

    /** The state of a link whose last heartbeat was at {@code lastHeartbeat}, seen at {@code now}. */
    public LinkState stateAt(Instant lastHeartbeat, Instant now) {
        Duration age = Duration.between(lastHeartbeat, now);
        if (age.compareTo(staleAfter) < 0) {
            return LinkState.ONLINE;
        }
        return age.compareTo(offlineAfter) < 0 ? LinkState.STALE : LinkState.OFFLINE;
    }
}
