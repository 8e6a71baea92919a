package org.skypatrol.protocols.mavlink;

import java.net.InetSocketAddress;

/**
 * A frame with its UDP peer: for frames read by {@link MavlinkDatagramDecoder} the sender (the
 * address to answer the drone on), for frames written through {@link MavlinkDatagramEncoder} the
 * recipient.
 */
public record MavlinkDatagram(MavlinkFrame frame, InetSocketAddress peer) {
}
