package org.skypatrol.gateway.cli;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The environment variables that configure the gateway: every {@code SKYPATROL_*} except those the
 * launcher and logging read for themselves ({@code SKYPATROL_LOG_LEVEL}, {@code SKYPATROL_JAVA_OPTS}),
 * which are not configuration keys.
 */
final class ConfigEnvironment {

    private static final Set<String> NOT_CONFIG = Set.of("SKYPATROL_LOG_LEVEL", "SKYPATROL_JAVA_OPTS");

    private ConfigEnvironment() {
    }

    static Map<String, String> get() {
        return System.getenv().entrySet().stream()
                .filter(e -> !NOT_CONFIG.contains(e.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
