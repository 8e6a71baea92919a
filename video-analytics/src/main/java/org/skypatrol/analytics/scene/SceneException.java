package org.skypatrol.analytics.scene;

import java.util.List;
import java.util.stream.Collectors;

/** A scene file with errors: every problem, each with its line number, at once. */
public final class SceneException extends Exception {

    private static final long serialVersionUID = 1L;

    /** One problem; line is 1-based, 0 when it concerns the whole file. */
    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return (line > 0 ? "line " + line + ": " : "") + message;
        }
    }

    private final transient List<Problem> problems;

    public SceneException(String file, List<Problem> problems) {
        super(file + ": " + problems.size() + " problem(s)\n  "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
