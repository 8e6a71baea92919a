package org.skypatrol.gateway;

/** A part of the gateway with a lifecycle: started in wiring order, closed in reverse order. */
public interface Service extends AutoCloseable {

    /** Starts the service; throws if it cannot (a port in use, a broker unreachable at start-up). */
    void start() throws Exception;

    /** Stops the service and releases what it holds; never throws checked exceptions. */
    @Override
    void close();
}
