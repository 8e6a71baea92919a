package org.skypatrol.gateway.mavlink;

import java.time.Clock;
import java.util.function.UnaryOperator;

import org.skypatrol.gateway.config.MavlinkConfig;
import org.skypatrol.protocols.mavlink.MavlinkFrame;
import org.skypatrol.protocols.mavlink.MavlinkInboundFilter;
import org.skypatrol.protocols.mavlink.MavlinkSigning;
import org.skypatrol.protocols.mavlink.MavlinkSigningKey;
import org.skypatrol.protocols.mavlink.MavlinkSigningPolicy;
import org.skypatrol.protocols.mavlink.MavlinkTimestampSource;
import org.skypatrol.protocols.mavlink.MavlinkVersion;

/**
 * Signing of one endpoint (MAVLink guide, "Message Signing"): the inbound filter the decoders apply
 * ({@link MavlinkSigningPolicy}: verify with the key, replay and age checks; with REQUIRE_SIGNED,
 * unsigned and v1 frames are rejected except RADIO_STATUS), and the signer of the frames the
 * gateway itself originates towards drones on that endpoint (never of frames it forwards, S11).
 */
record SigningFilters(MavlinkInboundFilter inbound, UnaryOperator<MavlinkFrame> outbound) {

    /** Link id of the gateway's own signed frames. */
    static final int GATEWAY_LINK_ID = 0;

    static SigningFilters of(MavlinkConfig.Signing signing, Clock clock, MavlinkTimestampSource timestamps) {
        boolean require = signing.mode() == MavlinkConfig.SigningMode.REQUIRE_SIGNED;
        if (!require && !signing.hasKey()) {
            return new SigningFilters(MavlinkInboundFilter.ACCEPT_ALL, UnaryOperator.identity());
        }
        MavlinkSigningKey key = MavlinkSigningKey.of(signing.key());
        MavlinkInboundFilter inbound = new MavlinkSigningPolicy(key, require,
                MavlinkSigningPolicy.DEFAULT_UNSIGNED_ALLOWED, clock);
        UnaryOperator<MavlinkFrame> outbound = frame -> frame.version() == MavlinkVersion.V2
                ? MavlinkSigning.sign(frame, key, GATEWAY_LINK_ID, timestamps.next()) : frame;
        return new SigningFilters(inbound, outbound);
    }

    boolean signs() {
        return inbound != MavlinkInboundFilter.ACCEPT_ALL;
    }
}
