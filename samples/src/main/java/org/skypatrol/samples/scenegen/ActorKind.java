package org.skypatrol.samples.scenegen;

/**
 * What an actor is: its class name in events (the vocabulary of the analytics: person, bicycle,
 * motorcycle, car, bus, truck, object), its default size in metres and whether it counts as a vehicle.
 */
public enum ActorKind {
    CAR("car", 4.5, 1.8, 1.45),
    VAN("car", 5.2, 2.0, 2.1),
    BUS("bus", 12.0, 2.55, 3.1),
    TRUCK("truck", 11.0, 2.5, 3.6),
    BICYCLE("bicycle", 1.75, 0.6, 1.7),
    MOTORCYCLE("motorcycle", 2.1, 0.8, 1.5),
    PERSON("person", 0.45, 0.35, 1.72),
    OBJECT("object", 0.8, 0.6, 0.45);

    private final String className;
    private final double lengthMetres;
    private final double widthMetres;
    private final double heightMetres;

    ActorKind(String className, double lengthMetres, double widthMetres, double heightMetres) {
        this.className = className;
        this.lengthMetres = lengthMetres;
        this.widthMetres = widthMetres;
        this.heightMetres = heightMetres;
    }

    public String className() {
        return className;
    }

    public double lengthMetres() {
        return lengthMetres;
    }

    public double widthMetres() {
        return widthMetres;
    }

    public double heightMetres() {
        return heightMetres;
    }

    public boolean isMotorVehicle() {
        return this == CAR || this == VAN || this == BUS || this == TRUCK || this == MOTORCYCLE;
    }
}
