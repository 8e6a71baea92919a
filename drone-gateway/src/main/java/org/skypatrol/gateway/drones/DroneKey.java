package org.skypatrol.gateway.drones;

/**
 * What identifies a MAVLink drone to the gateway: the endpoint it reached us on and its system id.
 * The same sysid on two endpoints is two drones (two radios, two fleets with default ids).
 */
public record DroneKey(String endpoint, int sysid) {

    public DroneKey {
        if (sysid < 0 || sysid > 255) {
            throw new IllegalArgumentException("sysid must be 0..255, was " + sysid);
        }
    }

    @Override
    public String toString() {
        return endpoint + "/" + sysid;
    }
}
