package org.skypatrol.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code ../shared/data} (real footage, ground truth, the ONNX model, MAVLink captures).
 *
 * <p>The data is never copied into the repository. Outside CI a test that needs it is skipped with a
 * clear message when it is absent; under CI ({@code CI=true}) its absence fails the test, so those
 * tests always run there.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared data folder; skips (or, under CI, fails) the calling test when it is missing. */
    public static Path root() {
        Path root = locate();
        if (!Files.isDirectory(root)) {
            String message = "shared test data not found at " + root.toAbsolutePath()
                    + " (set -Dskypatrol.shared.data=DIR or place it at ../shared/data)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; under CI=true this is a failure");
            }
            Assumptions.abort(message);
        }
        return root;
    }

    /** A file below the shared data folder, with the same skip/fail rule as {@link #root()}. */
    public static Path file(String relative) {
        Path file = root().resolve(relative);
        if (!Files.exists(file)) {
            String message = "shared test file missing: " + file.toAbsolutePath();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return file;
    }

    private static Path locate() {
        String configured = System.getProperty("skypatrol.shared.data");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).normalize();
        }
        return Paths.get("..", "shared", "data").toAbsolutePath().normalize();
    }

    /** The repository root (for scripts and committed test vectors). */
    public static Path repoRoot() {
        String configured = System.getProperty("skypatrol.repo.root");
        return configured == null ? Paths.get("").toAbsolutePath() : Paths.get(configured);
    }
}
