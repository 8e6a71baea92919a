package org.skypatrol.gateway.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline (never a fixed sleep); fails with a description. */
public final class Await {

    private Await() {
    }

    public static void until(Duration timeout, BooleanSupplier condition) {
        until(timeout, condition, () -> "condition");
    }

    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what.get());
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
