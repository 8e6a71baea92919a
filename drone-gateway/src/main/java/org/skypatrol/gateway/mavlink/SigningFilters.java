package org.skypatrol.gateway.mavlink;

import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.protocols.mavlink.MavlinkCounter;
import org.skypatrol.protocols.mavlink.MavlinkInboundFilter;

/**
 * The inbound filter of an endpoint from its signing configuration. Until the protocol library's
 * signature verifier is wired here, an endpoint that has a key fails closed: unsigned frames are
 * rejected where signing is required, and signed frames (which cannot be verified yet) are
 * rejected as bad signatures, never accepted unverified.
 */
final class SigningFilters {

    private SigningFilters() {
    }

    static MavlinkInboundFilter of(MavlinkConfig.Signing signing) {
        boolean require = signing.mode() == MavlinkConfig.SigningMode.REQUIRE_SIGNED;
        if (!require && !signing.hasKey()) {
            return MavlinkInboundFilter.ACCEPT_ALL;
        }
        return (frame, peer) -> {
            if (!frame.signed()) {
                return require ? MavlinkCounter.UNSIGNED_REJECTED : null;
            }
            return MavlinkCounter.BAD_SIGNATURE;
        };
    }
}
