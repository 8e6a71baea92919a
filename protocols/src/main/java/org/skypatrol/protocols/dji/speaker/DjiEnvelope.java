package org.skypatrol.protocols.dji.speaker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The DJI Cloud API message envelope: {@code tid} (one per transaction, a fresh one on every
 * retry), {@code bid} (one per business flow, kept across retries), {@code timestamp} (ms),
 * {@code method}, {@code data}; device messages also carry {@code gateway} (the gateway sn).
 *
 * @param <T> the data record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DjiEnvelope<T>(String tid, String bid, long timestamp, String method, T data, String gateway,
                             @JsonProperty("need_reply") Integer needReply) {

    /** A cloud → device request. */
    public static <T> DjiEnvelope<T> request(String tid, String bid, long timestamp, String method, T data) {
        return new DjiEnvelope<>(tid, bid, timestamp, method, data, null, null);
    }
}
