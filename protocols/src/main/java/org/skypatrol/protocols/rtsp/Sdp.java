package org.skypatrol.protocols.rtsp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a session description (RFC 8866) that an RTSP publish needs: one entry per
 * {@code m=} line with its RTP map, format parameters and control URL. Built by {@link SdpParser}.
 */
public record Sdp(String sessionControl, List<Media> media) {

    public Sdp {
        media = List.copyOf(media);
    }

    /**
     * One media description.
     *
     * @param type         {@code video}, {@code audio}, ...
     * @param payloadType  the first RTP payload type of the m= line
     * @param encoding     encoding name from {@code a=rtpmap} (upper case, e.g. {@code H264}), or ""
     * @param clockRate    RTP clock rate from {@code a=rtpmap}, or 0
     * @param fmtp         {@code a=fmtp} parameters for the payload type, keys lower case
     * @param control      {@code a=control} value, or ""
     */
    public record Media(String type, int payloadType, String encoding, int clockRate,
                        Map<String, String> fmtp, String control) {

        public Media {
            fmtp = Map.copyOf(fmtp);
        }

        public boolean isH264() {
            return "H264".equals(encoding);
        }

        public boolean isH265() {
            return "H265".equals(encoding);
        }

        /**
         * H.264 SPS/PPS NAL units from {@code sprop-parameter-sets} (RFC 6184 §8.1), or an empty list.
         *
         * @throws SdpException when the parameter is present but not valid base64
         */
        public List<byte[]> h264ParameterSets() throws SdpException {
            return decodeSprops("sprop-parameter-sets");
        }

        /** H.265 VPS, SPS and PPS from {@code sprop-vps/sps/pps} (RFC 7798 §7.1). */
        public List<byte[]> h265ParameterSets() throws SdpException {
            List<byte[]> all = new ArrayList<>(decodeSprops("sprop-vps"));
            all.addAll(decodeSprops("sprop-sps"));
            all.addAll(decodeSprops("sprop-pps"));
            return all;
        }

        private List<byte[]> decodeSprops(String key) throws SdpException {
            String v = fmtp.get(key);
            List<byte[]> out = new ArrayList<>();
            if (v == null || v.isBlank()) {
                return out;
            }
            for (String part : v.split(",")) {
                try {
                    byte[] nal = Base64.getDecoder().decode(part.trim());
                    if (nal.length == 0) {
                        throw new SdpException(key + " holds an empty NAL unit");
                    }
                    out.add(nal);
                } catch (IllegalArgumentException e) {
                    throw new SdpException(key + " is not base64: " + e.getMessage());
                }
            }
            return out;
        }
    }

    /** The first video media description, if any. */
    public Optional<Media> video() {
        return media.stream().filter(m -> m.type().equals("video")).findFirst();
    }
}
