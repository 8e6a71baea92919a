package org.skypatrol.gateway.cli;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/** While the demo redraws the terminal, only warnings are logged (unless SKYPATROL_LOG_LEVEL says otherwise). */
final class DemoLogging {

    private DemoLogging() {
    }

    static void quietForConsole() {
        if (System.getenv("SKYPATROL_LOG_LEVEL") == null
                && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
