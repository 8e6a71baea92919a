package org.skypatrol.protocols.mavlink;

/**
 * A check applied by the decoders to every parsed frame before it is passed on, e.g. signature
 * verification ({@link MavlinkSigningPolicy}). Implementations must be thread-safe when shared.
 */
@FunctionalInterface
public interface MavlinkInboundFilter {

    /** Accepts everything. */
    MavlinkInboundFilter ACCEPT_ALL = (frame, peer) -> null;

    /**
     * @param frame a frame from the parser
     * @param peer  who sent it: the sender's address for UDP, the channel's remote address for TCP
     *              (a signing link id is bound to it)
     * @return {@code null} to accept the frame, or the counter to increment when dropping it
     */
    MavlinkCounter check(MavlinkFrame frame, Object peer);
}
