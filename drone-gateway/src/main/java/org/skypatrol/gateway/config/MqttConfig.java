package org.skypatrol.gateway.config;

/** The {@code mqtt} section: the command-centre broker (embedded by default), topic prefix, outbox. */
public record MqttConfig(boolean enabled) {

    public static MqttConfig defaults() {
        return new MqttConfig(true);
    }

    void validate(Problems p) {
        // nothing to check yet
    }
}
