package org.skypatrol.samples.scenegen;

/**
 * Something that moves (or lies) in a scene: a vehicle, a cyclist, a person or an object.
 *
 * @param id            the id truth events give it as {@code trackId}
 * @param kind          what it is
 * @param lengthMetres  along its heading
 * @param widthMetres   across its heading
 * @param heightMetres  above the ground
 * @param rgb           main colour, 0xRRGGBB
 * @param path          where it is when
 */
public record Actor(int id, ActorKind kind, double lengthMetres, double widthMetres, double heightMetres, int rgb,
                    Trajectory path) {

    /** An actor of the kind's default size. */
    public static Actor of(int id, ActorKind kind, int rgb, Trajectory path) {
        return new Actor(id, kind, kind.lengthMetres(), kind.widthMetres(), kind.heightMetres(), rgb, path);
    }

    /** The same actor scaled (vehicles of several sizes). */
    public Actor scaled(double factor) {
        return new Actor(id, kind, lengthMetres * factor, widthMetres * Math.sqrt(factor), heightMetres, rgb, path);
    }
}
