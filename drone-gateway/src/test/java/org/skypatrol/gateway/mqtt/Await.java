package org.skypatrol.gateway.mqtt;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The MQTT tests' spelling of {@link org.skypatrol.gateway.testing.Await} (description first). */
final class Await {

    private Await() {
    }

    static void until(Duration timeout, String what, BooleanSupplier condition) {
        org.skypatrol.gateway.testing.Await.until(timeout, condition, () -> what);
    }
}
