package org.skypatrol.protocols.dji.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The speaker payloads against the examples in DJI's Cloud API documentation ("PSDK Function",
 * dock-to-cloud MQTT), copied as JSON trees: our encoder must produce the same tree, and our
 * parser must read DJI's own examples.
 */
class SpeakerCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void encode_ttsPlayStart_matchesDjiExample() throws Exception {
        String dji = """
                {"bid":"b-1","data":{"psdk_index":2,"tts":{"md5":"0bfb9bceee974f41a6ddfd81521bd795","name":"1111","text":"1111"}},
                 "method":"speaker_tts_play_start","tid":"t-1","timestamp":1689860575397}""";
        DjiEnvelope<SpeakerPayloads.TtsPlayStart> ours = DjiEnvelope.request("t-1", "b-1", 1689860575397L,
                SpeakerMethod.TTS_PLAY_START, new SpeakerPayloads.TtsPlayStart(2,
                        new SpeakerPayloads.Tts("1111", "1111", "0bfb9bceee974f41a6ddfd81521bd795")));

        assertThat(JSON.readTree(SpeakerCodec.encode(ours))).isEqualTo(JSON.readTree(dji));
    }

    @Test
    void encode_audioPlayStartVolumeModeStop_matchDjiExamples() throws Exception {
        assertThat(tree(DjiEnvelope.request("t", "b", 1689912303287L, SpeakerMethod.AUDIO_PLAY_START,
                new SpeakerPayloads.AudioPlayStart(2, new SpeakerPayloads.AudioFile("20230720162718",
                        "https://example.com/a.pcm", "b38257017001f45ec064b5157b2e4416", "pcm")))))
                .isEqualTo(JSON.readTree("""
                        {"bid":"b","data":{"file":{"format":"pcm","md5":"b38257017001f45ec064b5157b2e4416",
                         "name":"20230720162718","url":"https://example.com/a.pcm"},"psdk_index":2},
                         "method":"speaker_audio_play_start","tid":"t","timestamp":1689912303287}"""));
        assertThat(tree(DjiEnvelope.request("t", "b", 1689842989237L, SpeakerMethod.PLAY_VOLUME_SET,
                new SpeakerPayloads.PlayVolumeSet(2, 13)))).isEqualTo(JSON.readTree("""
                {"bid":"b","data":{"play_volume":13,"psdk_index":2},"method":"speaker_play_volume_set",
                 "tid":"t","timestamp":1689842989237}"""));
        assertThat(tree(DjiEnvelope.request("t", "b", 1689842974113L, SpeakerMethod.PLAY_MODE_SET,
                new SpeakerPayloads.PlayModeSet(2, 1)))).isEqualTo(JSON.readTree("""
                {"bid":"b","data":{"play_mode":1,"psdk_index":2},"method":"speaker_play_mode_set",
                 "tid":"t","timestamp":1689842974113}"""));
        assertThat(tree(DjiEnvelope.request("t", "b", 1689748815503L, SpeakerMethod.PLAY_STOP,
                new SpeakerPayloads.PsdkIndex(2)))).isEqualTo(JSON.readTree("""
                {"bid":"b","data":{"psdk_index":2},"method":"speaker_play_stop","tid":"t","timestamp":1689748815503}"""));
    }

    @Test
    void parse_djiProgressExample_successMeansFinished() throws Exception {
        byte[] dji = """
                {"bid":"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx","data":{"output":{"md5":"bacee8ed225fa346f6da87f67c914728",
                 "progress":{"percent":100,"step_key":"play"},"psdk_index":2,"status":"success"},"result":0},
                 "gateway":"4TADKAQ000002J","method":"speaker_tts_play_start_progress",
                 "tid":"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx","timestamp":1689911352309}""".getBytes(StandardCharsets.UTF_8);

        DjiEnvelope<JsonNode> e = SpeakerCodec.parse(dji);
        SpeakerPayloads.ProgressData p = SpeakerCodec.data(e, SpeakerPayloads.ProgressData.class);

        assertThat(e.method()).isEqualTo(SpeakerMethod.TTS_PLAY_START_PROGRESS);
        assertThat(e.gateway()).isEqualTo("4TADKAQ000002J");
        assertThat(p.result()).isZero();
        assertThat(p.output().md5()).isEqualTo("bacee8ed225fa346f6da87f67c914728");
        assertThat(p.output().finished()).isTrue();
        assertThat(p.output().progress()).isEqualTo(new SpeakerPayloads.Progress(100, "play"));
    }

    @Test
    void parse_servicesReplyExample_readsResult() throws Exception {
        DjiEnvelope<JsonNode> e = SpeakerCodec.parse("""
                {"bid":"b","data":{"result":0},"tid":"t","timestamp":1654070968655,"method":"speaker_tts_play_start"}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(SpeakerCodec.data(e, SpeakerPayloads.ReplyData.class).result()).isZero();
    }

    @Test
    void parse_garbage_throwsParseException() {
        assertThatThrownBy(() -> SpeakerCodec.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SpeakerCodec.SpeakerParseException.class);
        assertThatThrownBy(() -> SpeakerCodec.parse("{\"data\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SpeakerCodec.SpeakerParseException.class);
        assertThatThrownBy(() -> SpeakerCodec.data(SpeakerCodec.parse(
                "{\"tid\":\"t\",\"method\":\"m\",\"data\":3}".getBytes(StandardCharsets.UTF_8)),
                SpeakerPayloads.ReplyData.class)).isInstanceOf(SpeakerCodec.SpeakerParseException.class);
    }

    @Test
    void md5_ofUtf8Text() {
        assertThat(SpeakerCodec.md5("1111")).isEqualTo("b59c67bf196a4758191e42f76670ceba");
    }

    private static JsonNode tree(DjiEnvelope<?> e) throws Exception {
        return JSON.readTree(SpeakerCodec.encode(e));
    }
}
