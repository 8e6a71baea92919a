package org.skypatrol.analytics.scene;

import java.util.List;
import java.util.Optional;

import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.LatLon;
import org.skypatrol.analytics.geo.LocalEnu;
import org.skypatrol.analytics.geo.Vec2;

/**
 * The scene as one frame sees it: zones and lines on the ground, the pixel↔ground mapping of that
 * frame, and the geographic reference (null when the scene has none). Rules read only this.
 */
public record SceneView(Scene scene, GroundMapping mapping, LocalEnu enu, List<ResolvedZone> zones,
                        List<ResolvedLine> lines) {

    public SceneView {
        zones = List.copyOf(zones);
        lines = List.copyOf(lines);
    }

    public Optional<LatLon> latLon(Vec2 ground) {
        return enu == null ? Optional.empty() : Optional.of(enu.toLatLon(ground));
    }

    public List<ResolvedZone> zonesOf(ZoneKind kind) {
        return zones.stream().filter(z -> z.kind() == kind).toList();
    }
}
