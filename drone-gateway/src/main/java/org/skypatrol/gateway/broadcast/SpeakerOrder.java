package org.skypatrol.gateway.broadcast;

/**
 * What a transport is asked to play: the accepted request reduced to what the loudspeaker needs.
 *
 * @param commandId     the request's command id (transports may derive wire ids from it)
 * @param droneId       target drone
 * @param text          text to speak, or null
 * @param clipId        preset clip, or null
 * @param volumePercent 0..100
 * @param repeat        times to play
 * @param loop          play until stopped
 */
public record SpeakerOrder(String commandId, String droneId, String text, Integer clipId, int volumePercent,
                           int repeat, boolean loop) {

    static SpeakerOrder of(BroadcastRequest r) {
        return new SpeakerOrder(r.commandId(), r.droneId(), r.text(), r.clipId(), r.volumePercent(), r.repeat(),
                r.loop());
    }

    public boolean isText() {
        return text != null;
    }
}
