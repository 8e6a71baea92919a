package org.skypatrol.analytics.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.skypatrol.analytics.geo.CameraPose;
import org.skypatrol.analytics.geo.DroneProjection;
import org.skypatrol.analytics.geo.GroundMapping;
import org.skypatrol.analytics.geo.Homography;
import org.skypatrol.analytics.geo.LatLon;
import org.skypatrol.analytics.geo.LocalEnu;
import org.skypatrol.analytics.geo.Polygon;
import org.skypatrol.analytics.geo.Vec2;

/**
 * Turns a {@link Scene} into per-frame {@link SceneView}s. A fixed camera's view is computed once
 * (its homography never changes); a drone camera's view is recomputed for each pose, so ground and
 * geographic zones stay on the road while the drone moves and pixel zones stay with the image.
 */
public final class SceneGeometry {

    private final Scene scene;
    private final SceneView fixedView;
    private LocalEnu droneEnu;

    public SceneGeometry(Scene scene) {
        this.scene = scene;
        if (scene.camera() instanceof CameraSpec.Fixed f) {
            List<Vec2> px = f.calibration().stream().map(CameraSpec.CalibrationPair::pixel).toList();
            List<Vec2> gr = f.calibration().stream().map(CameraSpec.CalibrationPair::ground).toList();
            LocalEnu enu = f.origin() == null ? null : new LocalEnu(f.origin());
            this.fixedView = resolve(Homography.fromPairs(px, gr), enu);
        } else {
            this.fixedView = null;
            this.droneEnu = scene.camera().origin() == null ? null : new LocalEnu(scene.camera().origin());
        }
    }

    public Scene scene() {
        return scene;
    }

    public boolean needsPose() {
        return fixedView == null;
    }

    /** The fixed camera's view; throws for a drone scene (use {@link #view(CameraPose)}). */
    public SceneView view() {
        if (fixedView == null) {
            throw new IllegalStateException("scene '" + scene.id() + "' is a drone camera: a pose is needed");
        }
        return fixedView;
    }

    /**
     * The drone camera's view through a pose. Without an origin in the scene, the first pose's
     * position becomes ground (0,0). The pose's FOV is used unless the scene sets one.
     */
    public SceneView view(CameraPose pose) {
        if (fixedView != null) {
            return fixedView;
        }
        CameraSpec.Drone d = (CameraSpec.Drone) scene.camera();
        if (droneEnu == null) {
            droneEnu = new LocalEnu(pose.position());
        }
        CameraPose p = new CameraPose(pose.position(), pose.heightAboveGroundMetres(), pose.yawDeg(),
                pose.pitchDeg(), pose.rollDeg(),
                d.horizontalFovDeg() != null ? d.horizontalFovDeg() : pose.horizontalFovDeg(),
                d.verticalFovDeg() != null ? d.verticalFovDeg() : pose.verticalFovDeg());
        return resolve(new DroneProjection(p, droneEnu, d.width(), d.height()), droneEnu);
    }

    private SceneView resolve(GroundMapping mapping, LocalEnu enu) {
        List<ResolvedZone> zones = new ArrayList<>();
        for (Zone z : scene.zones()) {
            List<Vec2> ground = toGround(z.coords(), mapping, enu);
            List<Vec2> pixels = toPixels(z.coords(), mapping, enu);
            Double dir = z.directionDeg();
            if (dir == null && z.directionPixels().size() == 2) {
                Optional<Vec2> a = mapping.toGround(z.directionPixels().get(0));
                Optional<Vec2> b = mapping.toGround(z.directionPixels().get(1));
                if (a.isPresent() && b.isPresent()) {
                    dir = b.get().minus(a.get()).bearingDeg();
                }
            }
            if (ground.size() >= 3) {
                zones.add(new ResolvedZone(z, new Polygon(ground), new Polygon(pixels), dir));
            }
        }
        List<ResolvedLine> lines = new ArrayList<>();
        for (SceneLine l : scene.lines()) {
            List<Vec2> ground = toGround(l.coords(), mapping, enu);
            if (ground.size() >= 2) {
                lines.add(new ResolvedLine(l, ground, toPixels(l.coords(), mapping, enu)));
            }
        }
        return new SceneView(scene, mapping, enu, zones, lines);
    }

    private static List<Vec2> toGround(Coords c, GroundMapping m, LocalEnu enu) {
        List<Vec2> out = new ArrayList<>();
        for (Vec2 p : c.points()) {
            switch (c.space()) {
                case METRES -> out.add(p);
                case LATLON -> out.add(enu.toGround(new LatLon(p.x(), p.y())));
                case PIXELS -> m.toGround(p).ifPresent(out::add);
                default -> throw new IllegalStateException();
            }
        }
        return out;
    }

    private static List<Vec2> toPixels(Coords c, GroundMapping m, LocalEnu enu) {
        if (c.space() == CoordSpace.PIXELS) {
            return c.points();
        }
        List<Vec2> out = new ArrayList<>();
        for (Vec2 g : toGround(c, m, enu)) {
            m.toPixel(g).ifPresent(out::add);
        }
        return out;
    }
}
