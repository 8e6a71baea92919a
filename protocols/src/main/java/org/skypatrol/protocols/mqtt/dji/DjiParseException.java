package org.skypatrol.protocols.mqtt.dji;

/** A DJI message that is not valid JSON or lacks the envelope; counted and logged rate-limited by the caller. */
public final class DjiParseException extends Exception {

    public DjiParseException(String message) {
        super(message);
    }
}
