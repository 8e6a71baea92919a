package org.skypatrol.gateway.mavlink;

import java.util.function.UnaryOperator;

import org.skypatrol.protocols.mavlink.MavlinkFrame;

/** What the frame router needs to know about the endpoint a frame came in on. */
record EndpointContext(String name, String transport, EndpointStats stats, UnaryOperator<MavlinkFrame> signer,
                       boolean signs) {
}
