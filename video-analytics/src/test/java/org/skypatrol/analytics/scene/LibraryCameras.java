package org.skypatrol.analytics.scene;

/**
 * Cameras of the scenario library as their scene files calibrate them, for tests that measure boxes the
 * detector found on the rendered clips. One place for each calibration, so a test's boxes and the
 * scene they were found in cannot drift apart.
 */
public final class LibraryCameras {

    /** The urban street-light camera: 640 x 360, 12 m up, 30 degrees down, 66 degrees wide, looking down the road. */
    private static final String URBAN = """
            id: urban
            camera:
              type: fixed
              width: 640
              height: 360
              calibration:
                - {pixel: [103.87, 323.34], ground: [-7, 1.5]}
                - {pixel: [536.13, 323.34], ground: [7, 1.5]}
                - {pixel: [512.6, 109.01], ground: [12.5, 20]}
                - {pixel: [127.4, 109.01], ground: [-12.5, 20]}
            """;

    /** The motorway camera: 640 x 360 over a six-lane carriageway, looking along it (congestion, wrong way). */
    private static final String MOTORWAY = """
            id: motorway
            camera:
              type: fixed
              width: 640
              height: 360
              calibration:
                - {pixel: [94.03, 324.72], ground: [-9.5, 6]}
                - {pixel: [545.97, 324.72], ground: [9.5, 6]}
                - {pixel: [513.1, 107.75], ground: [16.5, 33]}
                - {pixel: [126.9, 107.75], ground: [-16.5, 33]}
            """;

    /** The plaza camera of the people behaviours: 640 x 360 over a square, looking across it. */
    private static final String PLAZA = """
            id: plaza
            camera:
              type: fixed
              width: 640
              height: 360
              calibration:
                - {pixel: [99.39, 330.53], ground: [-6, 10]}
                - {pixel: [540.61, 330.53], ground: [6, 10]}
                - {pixel: [513.92, 107.55], ground: [9, 23]}
                - {pixel: [126.08, 107.55], ground: [-9, 23]}
            """;

    private LibraryCameras() {
    }

    /** The urban camera with no zones. */
    public static SceneView urban() throws Exception {
        return urban("");
    }

    /** The urban camera with the given {@code zones:} block (YAML, starting at column 0), or none when blank. */
    public static SceneView urban(String zonesYaml) throws Exception {
        return new SceneGeometry(SceneParser.parse("urban", URBAN + zonesYaml)).view();
    }

    /** The motorway camera with the given {@code zones:} block (YAML, starting at column 0). */
    public static SceneView motorway(String zonesYaml) throws Exception {
        return new SceneGeometry(SceneParser.parse("motorway", MOTORWAY + zonesYaml)).view();
    }

    /** The plaza camera with no zones. */
    public static SceneView plaza() throws Exception {
        return new SceneGeometry(SceneParser.parse("plaza", PLAZA)).view();
    }
}
