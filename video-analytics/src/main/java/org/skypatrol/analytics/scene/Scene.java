package org.skypatrol.analytics.scene;

import java.util.List;

/** A parsed scene file (docs/scene-format.md): one camera's view of the ground, its zones, lines, rules. */
public record Scene(String id, CameraSpec camera, List<Zone> zones, List<SceneLine> lines, RuleSettings rules) {
    public Scene {
        zones = List.copyOf(zones);
        lines = List.copyOf(lines);
    }
}
