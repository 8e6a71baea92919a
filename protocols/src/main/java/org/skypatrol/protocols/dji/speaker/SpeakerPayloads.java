package org.skypatrol.protocols.dji.speaker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code data} objects of the speaker services and events (DJI field names kept). */
public final class SpeakerPayloads {

    private SpeakerPayloads() {
    }

    /** {@code tts}: file name, text, MD5 of the content (the dock's unique key for it). */
    public record Tts(String name, String text, String md5) {
    }

    /** {@code file} of {@code speaker_audio_play_start}: name, download URL, MD5, format ({@code pcm}). */
    public record AudioFile(String name, String url, String md5, String format) {
    }

    /** {@code speaker_tts_play_start} data. */
    public record TtsPlayStart(@JsonProperty("psdk_index") int psdkIndex, Tts tts) {
    }

    /** {@code speaker_audio_play_start} data. */
    public record AudioPlayStart(@JsonProperty("psdk_index") int psdkIndex, AudioFile file) {
    }

    /** {@code speaker_play_stop} and {@code speaker_replay} data. */
    public record PsdkIndex(@JsonProperty("psdk_index") int psdkIndex) {
    }

    /** {@code speaker_play_volume_set} data: volume 0..100. */
    public record PlayVolumeSet(@JsonProperty("psdk_index") int psdkIndex, @JsonProperty("play_volume") int playVolume) {
    }

    /** {@code speaker_play_mode_set} data: 0 single play, 1 loop (single track). */
    public record PlayModeSet(@JsonProperty("psdk_index") int psdkIndex, @JsonProperty("play_mode") int playMode) {
    }

    /** {@code services_reply} data: {@code result} 0 = ok, anything else an error code. */
    public record ReplyData(int result) {
    }

    /** {@code speaker_*_play_start_progress} data. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgressData(int result, ProgressOutput output) {
    }

    /**
     * {@code output}: {@code status} is {@code in_progress} or {@code ok} per the table; DJI's own
     * example writes {@code success}, so both mean finished.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgressOutput(@JsonProperty("psdk_index") int psdkIndex, String status, String md5,
                                 Progress progress) {

        public boolean finished() {
            return "ok".equals(status) || "success".equals(status);
        }

        public boolean inProgress() {
            return "in_progress".equals(status);
        }
    }

    /** {@code progress}: percent 0..100 and the step ({@code upload}, {@code change_work_mode}, {@code play}, ...). */
    public record Progress(int percent, @JsonProperty("step_key") String stepKey) {
    }
}
