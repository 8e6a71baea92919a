package org.skypatrol.gateway.config;

/** The {@code broadcast} section: loudspeaker broadcast service, policies and limits. */
public record BroadcastConfig(boolean enabled) {

    public static BroadcastConfig defaults() {
        return new BroadcastConfig(true);
    }

    void validate(Problems p) {
        // nothing to check yet
    }
}
