package org.skypatrol.analytics.scene;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.skypatrol.analytics.events.Behaviour;
import org.skypatrol.analytics.geo.LatLon;
import org.skypatrol.analytics.geo.Vec2;
import org.skypatrol.analytics.scene.SceneException.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses a scene file (docs/scene-format.md) into a {@link Scene}. Works on SnakeYAML's node tree so
 * that every problem carries its line; all problems are collected and thrown together.
 */
public final class SceneParser {

    private static final Set<String> TOP = Set.of("id", "camera", "zones", "lines", "rules");
    private static final Set<String> CAMERA = Set.of("type", "width", "height", "calibration", "origin",
            "droneId", "horizontalFovDeg", "verticalFovDeg", "motionCompensation");
    private static final Set<String> ZONE = Set.of("id", "kind", "pixels", "metres", "latlon", "directionDeg",
            "directionPixels", "speedLimitKph", "hours");
    private static final Set<String> LINE = Set.of("id", "kind", "pixels", "metres", "latlon");

    private final List<Problem> problems = new ArrayList<>();

    private SceneParser() {
    }

    public static Scene parse(Path file) throws SceneException, IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses scene text; {@code name} is used in the error message. */
    public static Scene parse(String name, String text) throws SceneException {
        SceneParser p = new SceneParser();
        Scene scene = p.parseText(text);
        if (!p.problems.isEmpty()) {
            throw new SceneException(name, p.problems);
        }
        return scene;
    }

    private Scene parseText(String text) {
        Node root;
        try (Reader r = new StringReader(text)) {
            root = new Yaml(new LoaderOptions()).compose(r);
        } catch (MarkedYAMLException e) {
            problems.add(new Problem(e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    "YAML syntax: " + e.getProblem()));
            return null;
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(0, "cannot read YAML: " + e.getMessage()));
            return null;
        }
        if (!(root instanceof MappingNode top)) {
            problems.add(new Problem(root == null ? 0 : line(root), "a scene file is a mapping (id, camera, zones...)"));
            return null;
        }
        Map<String, Node> m = map(top, TOP, "scene");
        String id = str(m.get("id"), "id", top, true);
        CameraSpec camera = m.containsKey("camera") ? camera(m.get("camera")) : missing(top, "camera");
        List<Zone> zones = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node z : seq(m.get("zones"), "zones")) {
            Zone zone = zone(z, camera);
            if (zone != null && !ids.add(zone.id())) {
                problems.add(new Problem(line(z), "duplicate zone/line id '" + zone.id() + "'"));
            }
            if (zone != null) {
                zones.add(zone);
            }
        }
        List<SceneLine> lines = new ArrayList<>();
        for (Node l : seq(m.get("lines"), "lines")) {
            SceneLine line = sceneLine(l, camera);
            if (line != null && !ids.add(line.id())) {
                problems.add(new Problem(line(l), "duplicate zone/line id '" + line.id() + "'"));
            }
            if (line != null) {
                lines.add(line);
            }
        }
        RuleSettings rules = m.containsKey("rules") ? rules(m.get("rules")) : RuleSettings.none();
        return new Scene(id, camera, zones, lines, rules);
    }

    private CameraSpec camera(Node node) {
        if (!(node instanceof MappingNode mn)) {
            problems.add(new Problem(line(node), "camera must be a mapping"));
            return null;
        }
        Map<String, Node> m = map(mn, CAMERA, "camera");
        String type = str(m.get("type"), "camera.type", mn, true);
        Double w = num(m.get("width"), "camera.width", mn, true, 1, 100_000);
        int width = w == null ? 0 : w.intValue();
        Double hh = num(m.get("height"), "camera.height", mn, true, 1, 100_000);
        int height = hh == null ? 0 : hh.intValue();
        LatLon origin = m.containsKey("origin") ? latLonMap(m.get("origin")) : null;
        Boolean mc = null;
        if (m.containsKey("motionCompensation")) {
            String v = scalar(m.get("motionCompensation"));
            if ("true".equals(v) || "false".equals(v)) {
                mc = Boolean.valueOf(v);
            } else {
                problems.add(new Problem(line(m.get("motionCompensation")), "motionCompensation must be true or false"));
            }
        }
        if ("fixed".equals(type)) {
            List<CameraSpec.CalibrationPair> pairs = new ArrayList<>();
            for (Node c : seq(m.get("calibration"), "camera.calibration")) {
                if (c instanceof MappingNode cm) {
                    Map<String, Node> pm = map(cm, Set.of("pixel", "ground"), "calibration pair");
                    Vec2 px = point(pm.get("pixel"), "pixel", cm);
                    Vec2 gr = point(pm.get("ground"), "ground", cm);
                    if (px != null && gr != null) {
                        pairs.add(new CameraSpec.CalibrationPair(px, gr));
                    }
                } else {
                    problems.add(new Problem(line(c), "a calibration pair is {pixel: [x, y], ground: [x, y]}"));
                }
            }
            if (pairs.size() < 4) {
                problems.add(new Problem(line(m.getOrDefault("calibration", mn)),
                        "a fixed camera needs at least 4 calibration pairs, found " + pairs.size()));
            } else {
                checkNotCollinear(pairs, line(m.get("calibration")));
            }
            return new CameraSpec.Fixed(width, height, pairs, origin, mc);
        }
        if ("drone".equals(type)) {
            String drone = m.containsKey("droneId") ? str(m.get("droneId"), "droneId", mn, false) : null;
            Double h = m.containsKey("horizontalFovDeg") ? num(m.get("horizontalFovDeg"), "horizontalFovDeg", mn, true, 1, 179) : null;
            Double v = m.containsKey("verticalFovDeg") ? num(m.get("verticalFovDeg"), "verticalFovDeg", mn, true, 1, 179) : null;
            return new CameraSpec.Drone(width, height, drone, h, v, origin, mc);
        }
        if (type != null) {
            problems.add(new Problem(line(m.get("type")), "camera.type must be 'fixed' or 'drone', not '" + type + "'"));
        }
        return null;
    }

    private void checkNotCollinear(List<CameraSpec.CalibrationPair> pairs, int line) {
        for (int i = 0; i < pairs.size(); i++) {
            for (int j = i + 1; j < pairs.size(); j++) {
                for (int k = j + 1; k < pairs.size(); k++) {
                    for (boolean pixel : new boolean[] {true, false}) {
                        Vec2 a = pixel ? pairs.get(i).pixel() : pairs.get(i).ground();
                        Vec2 b = pixel ? pairs.get(j).pixel() : pairs.get(j).ground();
                        Vec2 c = pixel ? pairs.get(k).pixel() : pairs.get(k).ground();
                        double area = Math.abs((b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x()));
                        double scale = Math.max(1e-9, a.distance(b) * a.distance(c));
                        if (pairs.size() == 4 && area / scale < 1e-3) {
                            problems.add(new Problem(line, "calibration " + (pixel ? "pixels" : "ground points") + " "
                                    + (i + 1) + ", " + (j + 1) + ", " + (k + 1) + " are collinear: the homography is degenerate"));
                            return;
                        }
                    }
                }
            }
        }
    }

    private Zone zone(Node node, CameraSpec camera) {
        if (!(node instanceof MappingNode mn)) {
            problems.add(new Problem(line(node), "a zone is a mapping {id, kind, pixels|metres|latlon, ...}"));
            return null;
        }
        Map<String, Node> m = map(mn, ZONE, "zone");
        String id = str(m.get("id"), "zone.id", mn, true);
        String kindText = str(m.get("kind"), "zone.kind", mn, true);
        ZoneKind kind = kindText == null ? null : ZoneKind.fromId(kindText).orElse(null);
        if (kindText != null && kind == null) {
            problems.add(new Problem(line(m.get("kind")), "unknown zone kind '" + kindText + "' (one of "
                    + String.join(", ", java.util.Arrays.stream(ZoneKind.values()).map(ZoneKind::id).toList()) + ")"));
        }
        Coords coords = coords(m, mn, 3, camera, "zone '" + id + "'");
        Double dir = m.containsKey("directionDeg") ? num(m.get("directionDeg"), "directionDeg", mn, true, -360, 360) : null;
        List<Vec2> dirPx = m.containsKey("directionPixels") ? points(m.get("directionPixels"), "directionPixels") : List.of();
        if (m.containsKey("directionPixels") && dirPx.size() != 2) {
            problems.add(new Problem(line(m.get("directionPixels")), "directionPixels is [[x1,y1],[x2,y2]]"));
            dirPx = List.of();
        }
        Double limit = m.containsKey("speedLimitKph") ? num(m.get("speedLimitKph"), "speedLimitKph", mn, true, 1, 400) : null;
        HoursWindow hours = m.containsKey("hours") ? hours(m.get("hours")) : null;
        if (id == null || kind == null || coords == null) {
            return null;
        }
        return new Zone(id, kind, coords, dir, dirPx, limit, hours, line(mn));
    }

    private SceneLine sceneLine(Node node, CameraSpec camera) {
        if (!(node instanceof MappingNode mn)) {
            problems.add(new Problem(line(node), "a line is a mapping {id, kind, pixels|metres|latlon}"));
            return null;
        }
        Map<String, Node> m = map(mn, LINE, "line");
        String id = str(m.get("id"), "line.id", mn, true);
        String kindText = str(m.get("kind"), "line.kind", mn, true);
        LineKind kind = kindText == null ? null : LineKind.fromId(kindText).orElse(null);
        if (kindText != null && kind == null) {
            problems.add(new Problem(line(m.get("kind")), "unknown line kind '" + kindText
                    + "' (solid_line, stop_line, tripwire)"));
        }
        Coords coords = coords(m, mn, 2, camera, "line '" + id + "'");
        return id == null || kind == null || coords == null ? null : new SceneLine(id, kind, coords, line(mn));
    }

    private Coords coords(Map<String, Node> m, Node owner, int min, CameraSpec camera, String what) {
        List<String> given = new ArrayList<>();
        for (String k : List.of("pixels", "metres", "latlon")) {
            if (m.containsKey(k)) {
                given.add(k);
            }
        }
        if (given.size() != 1) {
            problems.add(new Problem(line(owner), what + " needs exactly one of pixels, metres, latlon"));
            return null;
        }
        String key = given.get(0);
        List<Vec2> pts = points(m.get(key), key);
        if (pts.size() < min) {
            problems.add(new Problem(line(m.get(key)), what + " needs at least " + min + " points, found " + pts.size()));
            return null;
        }
        CoordSpace space = CoordSpace.valueOf(key.toUpperCase(java.util.Locale.ROOT));
        if (space == CoordSpace.LATLON && camera instanceof CameraSpec.Fixed && camera.origin() == null) {
            problems.add(new Problem(line(m.get(key)), what + " is in latlon but the fixed camera has no origin"));
        }
        if (space == CoordSpace.LATLON) {
            for (Vec2 p : pts) {
                if (Math.abs(p.x()) > 90 || Math.abs(p.y()) > 180) {
                    problems.add(new Problem(line(m.get(key)), what + ": [" + p.x() + ", " + p.y()
                            + "] is not a [lat, lon] pair"));
                    break;
                }
            }
        }
        if (space == CoordSpace.PIXELS && camera != null) {
            for (Vec2 p : pts) {
                if (p.x() < 0 || p.y() < 0 || p.x() > camera.width() || p.y() > camera.height()) {
                    problems.add(new Problem(line(m.get(key)), what + ": pixel [" + p.x() + ", " + p.y()
                            + "] is outside the " + camera.width() + "x" + camera.height() + " frame"));
                    break;
                }
            }
        }
        return new Coords(space, pts);
    }

    private RuleSettings rules(Node node) {
        if (!(node instanceof MappingNode mn)) {
            problems.add(new Problem(line(node), "rules must be a mapping of rule id to parameters"));
            return RuleSettings.none();
        }
        Map<String, Map<String, Double>> params = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        Set<String> disabled = new HashSet<>();
        for (NodeTuple t : mn.getValue()) {
            String key = scalar(t.getKeyNode());
            if ("disabled".equals(key)) {
                for (Node d : seq(t.getValueNode(), "rules.disabled")) {
                    String r = scalar(d);
                    if (r == null || Behaviour.fromId(r).isEmpty()) {
                        problems.add(new Problem(line(d), "rules.disabled: unknown behaviour '" + r + "'"));
                    } else {
                        disabled.add(r);
                    }
                }
                continue;
            }
            if (key == null || Behaviour.fromId(key).isEmpty()) {
                problems.add(new Problem(line(t.getKeyNode()), "rules: unknown behaviour '" + key + "'"));
                continue;
            }
            if (!(t.getValueNode() instanceof MappingNode pm)) {
                problems.add(new Problem(line(t.getValueNode()), "rules." + key + " must be a mapping {param: number}"));
                continue;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (NodeTuple p : pm.getValue()) {
                String name = scalar(p.getKeyNode());
                Double v = num(p.getValueNode(), "rules." + key + "." + name, pm, true, -1e9, 1e9);
                if (name != null && v != null) {
                    values.put(name, v);
                    lines.put(key + "." + name, line(p.getKeyNode()));
                }
            }
            params.put(key, values);
        }
        return new RuleSettings(params, lines, disabled);
    }

    private HoursWindow hours(Node node) {
        String s = scalar(node);
        String[] parts = s == null ? new String[0] : s.split("-");
        try {
            if (parts.length == 2) {
                return new HoursWindow(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
            }
        } catch (DateTimeParseException e) {
            // reported below with the offending text
        }
        problems.add(new Problem(line(node), "hours must be \"HH:MM-HH:MM\", not '" + s + "'"));
        return null;
    }

    private LatLon latLonMap(Node node) {
        if (node instanceof MappingNode mn) {
            Map<String, Node> m = map(mn, Set.of("lat", "lon"), "origin");
            Double lat = num(m.get("lat"), "origin.lat", mn, true, -90, 90);
            Double lon = num(m.get("lon"), "origin.lon", mn, true, -180, 180);
            return lat == null || lon == null ? null : new LatLon(lat, lon);
        }
        problems.add(new Problem(line(node), "origin is {lat: deg, lon: deg}"));
        return null;
    }

    // ---- small helpers over the node tree ----

    private Map<String, Node> map(MappingNode mn, Set<String> allowed, String what) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            String k = scalar(t.getKeyNode());
            if (k == null || !allowed.contains(k)) {
                problems.add(new Problem(line(t.getKeyNode()), "unknown key '" + k + "' in " + what
                        + " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
            } else if (out.put(k, t.getValueNode()) != null) {
                problems.add(new Problem(line(t.getKeyNode()), "duplicate key '" + k + "' in " + what));
            }
        }
        return out;
    }

    private List<Node> seq(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof SequenceNode sn) {
            return sn.getValue();
        }
        problems.add(new Problem(line(node), what + " must be a list"));
        return List.of();
    }

    private List<Vec2> points(Node node, String what) {
        List<Vec2> out = new ArrayList<>();
        for (Node p : seq(node, what)) {
            Vec2 v = point(p, what, p);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private Vec2 point(Node node, String what, Node owner) {
        if (node instanceof SequenceNode sn && sn.getValue().size() == 2) {
            Double a = num(sn.getValue().get(0), what, owner, true, -1e9, 1e9);
            Double b = num(sn.getValue().get(1), what, owner, true, -1e9, 1e9);
            return a == null || b == null ? null : new Vec2(a, b);
        }
        problems.add(new Problem(line(node == null ? owner : node), what + ": a point is [a, b]"));
        return null;
    }

    private String str(Node node, String what, Node owner, boolean required) {
        if (node == null) {
            if (required) {
                problems.add(new Problem(line(owner), "missing '" + what + "'"));
            }
            return null;
        }
        String s = scalar(node);
        if (s == null || s.isBlank()) {
            problems.add(new Problem(line(node), what + " must be a non-empty string"));
        }
        return s;
    }

    private Double num(Node node, String what, Node owner, boolean required, double min, double max) {
        if (node == null) {
            if (required) {
                problems.add(new Problem(line(owner), "missing '" + what + "'"));
            }
            return null;
        }
        String s = scalar(node);
        try {
            double v = Double.parseDouble(s);
            if (!(v >= min && v <= max)) {
                problems.add(new Problem(line(node), what + " = " + s + " is outside [" + min + ", " + max + "]"));
                return null;
            }
            return v;
        } catch (NumberFormatException | NullPointerException e) {
            problems.add(new Problem(line(node), what + " must be a number, not '" + s + "'"));
            return null;
        }
    }

    private <T> T missing(Node owner, String what) {
        problems.add(new Problem(line(owner), "missing '" + what + "'"));
        return null;
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    private static int line(Node n) {
        return n == null ? 0 : n.getStartMark().getLine() + 1;
    }
}
