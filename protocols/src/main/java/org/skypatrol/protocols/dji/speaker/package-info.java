/**
 * DJI Cloud API loudspeaker (PSDK speaker) payloads, exactly as DJI documents them in "PSDK
 * Function" of the Cloud API (dock-to-cloud MQTT): services {@code speaker_tts_play_start},
 * {@code speaker_audio_play_start}, {@code speaker_play_stop}, {@code speaker_play_volume_set},
 * {@code speaker_play_mode_set}, {@code speaker_replay} on {@code thing/product/{gateway_sn}/services},
 * their {@code services_reply} ({@code data.result} 0 = ok), and the progress events
 * {@code speaker_tts_play_start_progress} / {@code speaker_audio_play_start_progress} on
 * {@code thing/product/{gateway_sn}/events}. Pure records and one codec, no state.
 */
package org.skypatrol.protocols.dji.speaker;
