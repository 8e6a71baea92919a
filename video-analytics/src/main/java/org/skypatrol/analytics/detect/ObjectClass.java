package org.skypatrol.analytics.detect;

import java.util.Locale;

/** What a detection or track is; {@link #id()} is the wire name in events. */
public enum ObjectClass {
    PERSON, BICYCLE, CAR, BUS, TRUCK, STATIC_OBJECT, UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Any road vehicle, motorised or not. */
    public boolean isVehicle() {
        return this == BICYCLE || this == CAR || this == BUS || this == TRUCK;
    }

    /** Cars, buses and trucks (the vehicles traffic rules about lanes and parking mean). */
    public boolean isMotorVehicle() {
        return this == CAR || this == BUS || this == TRUCK;
    }

    public boolean isLarge() {
        return this == BUS || this == TRUCK;
    }
}
