package org.skypatrol.gateway.config;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems with the key path they concern, so all are reported at once. */
public final class Problems {

    private final List<String> problems = new ArrayList<>();

    public void add(String path, String message) {
        problems.add(path + ": " + message);
    }

    /** Adds a problem when {@code ok} is false; returns {@code ok}. */
    public boolean check(boolean ok, String path, String message) {
        if (!ok) {
            add(path, message);
        }
        return ok;
    }

    public void checkPort(int port, String path) {
        check(port >= 0 && port <= 65535, path, "port must be 0..65535, was " + port);
    }

    public void checkPositive(double value, String path) {
        check(value > 0, path, "must be > 0, was " + value);
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }
}
