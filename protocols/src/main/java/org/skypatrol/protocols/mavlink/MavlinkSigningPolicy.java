package org.skypatrol.protocols.mavlink;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Inbound signing policy of one endpoint, used as the decoders' {@link MavlinkInboundFilter}
 * (https://mavlink.io/en/guide/message_signing.html#accepting_signed_packets).
 *
 * <ul>
 *   <li>A signed frame is accepted only when its signature verifies with the key AND its timestamp
 *       is newer than the last accepted one of its stream (system id, component id, link id). The
 *       signature is checked before the stream is touched, so a forged frame with a huge timestamp
 *       cannot lock out the valid frames after it (pymavlink's flaw, FAULTS S3).</li>
 *   <li>A new stream is accepted only when its timestamp is at most 60 s behind the local clock.</li>
 *   <li>Streams live in a map without a fixed cap (the C library's 16-stream default loses frames
 *       with many drones, S6).</li>
 *   <li>A stream is bound to the peer that opened it (mavlink#1619, S4): the same link id from
 *       another peer is rejected while the owner was heard from in the last {@link #REBIND_AFTER}.</li>
 *   <li>When signing is required, unsigned and MAVLink 1 frames are rejected (downgrade,
 *       CVE-2020-10283) unless their id is on the allow-list (RADIO_STATUS by default), counted
 *       per message id.</li>
 * </ul>
 */
public final class MavlinkSigningPolicy implements MavlinkInboundFilter {

    /** After this silence a stream may move to another peer (a drone behind NAT changing port). */
    public static final Duration REBIND_AFTER = Duration.ofSeconds(10);
    /** How old the first timestamp of a new stream may be. */
    public static final long MAX_INITIAL_AGE_UNITS = 60 * MavlinkSigning.UNITS_PER_SECOND;
    /** RADIO_STATUS, injected unsigned by SiK radios. */
    public static final Set<Integer> DEFAULT_UNSIGNED_ALLOWED = Set.of(RadioStatus.ID);

    private record StreamKey(int systemId, int componentId, int linkId) {
    }

    private static final class Stream {
        long lastTimestamp;
        Object peer;
        long lastHeardNanos;
    }

    private final MavlinkSigningKey key;
    private final boolean requireSigned;
    private final Set<Integer> unsignedAllowed;
    private final InstantSource clock;
    private final Map<StreamKey, Stream> streams = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> unsignedRejectedById = new ConcurrentHashMap<>();

    /**
     * @param key             the shared secret, or {@code null} (signed frames then pass unverified;
     *                        requires {@code requireSigned == false})
     * @param requireSigned   reject unsigned frames except the allow-list
     * @param unsignedAllowed message ids accepted unsigned even when signing is required
     * @param clock           local time, for the 60 s rule and stream rebinding
     */
    public MavlinkSigningPolicy(MavlinkSigningKey key, boolean requireSigned, Set<Integer> unsignedAllowed,
            InstantSource clock) {
        if (requireSigned && key == null) {
            throw new IllegalArgumentException("signing required but no key configured");
        }
        this.key = key;
        this.requireSigned = requireSigned;
        this.unsignedAllowed = Set.copyOf(unsignedAllowed);
        this.clock = clock;
    }

    @Override
    public MavlinkCounter check(MavlinkFrame frame, Object peer) {
        MavlinkSignature signature = frame.signature();
        if (signature == null) {
            if (requireSigned && !unsignedAllowed.contains(frame.messageId())) {
                // ids outside the table share one bucket (-1) so noise cannot grow the map without bound
                int bucket = frame.verified() ? frame.messageId() : -1;
                unsignedRejectedById.computeIfAbsent(bucket, id -> new LongAdder()).increment();
                return MavlinkCounter.UNSIGNED_REJECTED;
            }
            return null;
        }
        if (key == null) {
            return null; // no key on this endpoint: nothing to verify against
        }
        if (!MavlinkSigning.verify(frame, key)) {
            return MavlinkCounter.BAD_SIGNATURE; // stream state untouched: no poisoning
        }
        return acceptTimestamp(new StreamKey(frame.systemId(), frame.componentId(), signature.linkId()),
                signature.timestamp(), peer);
    }

    private MavlinkCounter acceptTimestamp(StreamKey streamKey, long timestamp, Object peer) {
        java.time.Instant now = clock.instant();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long nowUnits = MavlinkSigning.timestampOf(now);
        MavlinkCounter[] verdict = {null};
        streams.compute(streamKey, (k, stream) -> {
            if (stream == null) {
                if (timestamp < nowUnits - MAX_INITIAL_AGE_UNITS) {
                    verdict[0] = MavlinkCounter.SIGNATURE_TOO_OLD;
                    return null;
                }
                stream = new Stream();
            } else {
                boolean otherPeer = peer != null && stream.peer != null && !peer.equals(stream.peer);
                if (otherPeer && nowNanos - stream.lastHeardNanos < REBIND_AFTER.toNanos()) {
                    verdict[0] = MavlinkCounter.LINK_PEER_MISMATCH;
                    return stream;
                }
                if (timestamp <= stream.lastTimestamp) {
                    verdict[0] = MavlinkCounter.SIGNATURE_REPLAY;
                    return stream;
                }
            }
            stream.lastTimestamp = timestamp;
            stream.peer = peer;
            stream.lastHeardNanos = nowNanos;
            return stream;
        });
        return verdict[0];
    }

    /** Unsigned frames rejected so far, by message id (-1: ids unknown to the table). */
    public Map<Integer, Long> unsignedRejectedByMessageId() {
        Map<Integer, Long> copy = new TreeMap<>();
        unsignedRejectedById.forEach((id, n) -> copy.put(id, n.sum()));
        return copy;
    }

    /** Number of signing streams seen. */
    public int streamCount() {
        return streams.size();
    }
}
