package org.skypatrol.gateway.broadcast;

import java.util.Locale;

import org.skypatrol.protocols.mqtt.CommandResultPayload.Status;

/** Wire spellings shared by the audit log, the CLI and the docs. */
final class Wire {

    private Wire() {
    }

    /** {@code accepted}, {@code done}, ... as on the MQTT result topic. */
    static String status(Status s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
