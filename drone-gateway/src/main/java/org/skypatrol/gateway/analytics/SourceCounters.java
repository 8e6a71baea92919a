package org.skypatrol.gateway.analytics;

/**
 * A snapshot of one source's live-analysis counters.
 *
 * @param sourceId         the video source
 * @param state            starting, running, reconnecting, ended (a file without loop) or stopped; a
 *                         published stream: waiting (no publisher), running, failed or stopped
 * @param decoded          frames decoded by the analysis (its own grabber, or the published stream's decoder)
 * @param skipped          decoded frames the analysis rate skipped (not a loss)
 * @param dropped          frames dropped, oldest first, because the analysis was behind (a loss)
 * @param analysed         frames the pipeline analysed
 * @param withoutPose      drone frames skipped because no pose was known at their time
 * @param decodeErrors     damaged frames
 * @param reconnects       re-opens after an error or end of stream; a published stream: publishers that
 *                         took over after the first
 * @param alertPhases      alert phases published (start, update, end)
 * @param storeFailures    alert phases the alert store could not write (still published)
 * @param cpuSeconds       CPU time of the source's decode and analysis threads (NaN if unsupported)
 * @param decodeCpuSeconds CPU time of its decode (grab) thread alone: demux, decode, thinning, BGR conversion
 * @param lastAlert        the last alert phase published (behaviour, phase, zone), or null
 * @param lastError        the last open/read error, or null
 * @param droppedGops      a published stream: whole GOPs dropped before decoding because the decoder was behind
 * @param lostUnits        a published stream: access units not decoded (inside dropped GOPs, or undecodable:
 *                         before a stream's first keyframe or after a gap in the feed)
 */
public record SourceCounters(String sourceId, String state, long decoded, long skipped, long dropped, long analysed,
                             long withoutPose, long decodeErrors, long reconnects, long alertPhases,
                             long storeFailures, double cpuSeconds, double decodeCpuSeconds, String lastAlert, String lastError,
                             long droppedGops, long lostUnits) {

    /** One console line. */
    public String line() {
        return String.format(java.util.Locale.ROOT,
                "analytics %s: %s, decoded %d, analysed %d, dropped %d%s, no pose %d, alert phases %d, cpu %.1f s (decode %.1f s)%s%s",
                sourceId, state, decoded, analysed, dropped,
                droppedGops == 0 && lostUnits == 0 ? "" : ", dropped GOPs " + droppedGops + " (" + lostUnits + " units lost)",
                withoutPose, alertPhases, cpuSeconds, decodeCpuSeconds,
                lastAlert == null ? "" : ", last " + lastAlert,
                lastError == null ? "" : " (" + lastError + ")");
    }
}
