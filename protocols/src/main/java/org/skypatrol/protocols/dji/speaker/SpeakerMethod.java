package org.skypatrol.protocols.dji.speaker;

/** DJI Cloud API speaker service and event method names. */
public final class SpeakerMethod {

    public static final String TTS_PLAY_START = "speaker_tts_play_start";
    public static final String AUDIO_PLAY_START = "speaker_audio_play_start";
    public static final String PLAY_STOP = "speaker_play_stop";
    public static final String PLAY_VOLUME_SET = "speaker_play_volume_set";
    public static final String PLAY_MODE_SET = "speaker_play_mode_set";
    public static final String REPLAY = "speaker_replay";
    public static final String TTS_PLAY_START_PROGRESS = "speaker_tts_play_start_progress";
    public static final String AUDIO_PLAY_START_PROGRESS = "speaker_audio_play_start_progress";

    private SpeakerMethod() {
    }

    /** {@code thing/product/{gateway_sn}/services} (cloud → device). */
    public static String servicesTopic(String gatewaySn) {
        return "thing/product/" + gatewaySn + "/services";
    }

    /** {@code thing/product/{gateway_sn}/services_reply} (device → cloud). */
    public static String servicesReplyTopic(String gatewaySn) {
        return "thing/product/" + gatewaySn + "/services_reply";
    }

    /** {@code thing/product/{gateway_sn}/events} (device → cloud). */
    public static String eventsTopic(String gatewaySn) {
        return "thing/product/" + gatewaySn + "/events";
    }

    public static final String SERVICES_REPLY_FILTER = "thing/product/+/services_reply";
    public static final String EVENTS_FILTER = "thing/product/+/events";
    public static final String SERVICES_FILTER = "thing/product/+/services";

    /** The gateway serial of a {@code thing/product/{sn}/...} topic, or null. */
    public static String gatewaySnOf(String topic) {
        String[] p = topic.split("/");
        return p.length == 4 && p[0].equals("thing") && p[1].equals("product") ? p[2] : null;
    }
}
