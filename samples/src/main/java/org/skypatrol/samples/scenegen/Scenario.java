package org.skypatrol.samples.scenegen;

import java.util.List;
import java.util.Map;

/**
 * One clip of the library: a layout seen by a camera rig, scripted actors, the scene's rule
 * parameters, and the alerts that truly happen in it.
 *
 * @param name        directory name, unique in the library (e.g. {@code illegal_parking-positive})
 * @param behaviour   the behaviour this clip is about
 * @param polarity    whether it shows the behaviour or a near miss of it
 * @param description one sentence for the docs and the report
 * @param seed        drives every random choice of the clip (texture, noise, jitter)
 * @param durationSeconds clip length
 * @param fps         frame rate
 * @param layout      the ground
 * @param rig         the camera
 * @param look        noise, light and sun
 * @param actors      what moves
 * @param rules       per-scene rule parameters written to scene.yaml (behaviour → param → value)
 * @param disabled    rules switched off on this scene (a motorway camera does not watch for loitering)
 * @param truth       the alert phases that truly happen
 */
public record Scenario(String name, String behaviour, Polarity polarity, String description, long seed,
                       double durationSeconds, double fps, Layout layout, CameraRig rig, Look look,
                       List<Actor> actors, Map<String, Map<String, Double>> rules, List<String> disabled,
                       List<TruthPhase> truth) {

    public Scenario {
        actors = List.copyOf(actors);
        rules = Map.copyOf(rules);
        disabled = List.copyOf(disabled);
        truth = List.copyOf(truth);
    }

    /** Whether the clip shows the behaviour or deliberately stays just short of it. */
    public enum Polarity {
        POSITIVE, NEAR_MISS;

        public String id() {
            return this == POSITIVE ? "positive" : "near_miss";
        }
    }

    public boolean isDrone() {
        return rig instanceof CameraRig.Drone;
    }

    public int frameCount() {
        return (int) Math.round(durationSeconds * fps);
    }

    public Actor actor(int id) {
        return actors.stream().filter(a -> a.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no actor " + id + " in " + name));
    }

    /**
     * One true alert.
     *
     * @param behaviour    behaviour id
     * @param startSeconds when the alert should start (the behaviour has become true and observable)
     * @param endSeconds   when it should end, or null if it lasts past the clip
     * @param zoneId       zone or line id for zone-based rules, else null
     * @param actorIds     the actors involved
     */
    public record TruthPhase(String behaviour, double startSeconds, Double endSeconds, String zoneId,
                             List<Integer> actorIds) {
        public TruthPhase {
            actorIds = List.copyOf(actorIds);
        }
    }
}
