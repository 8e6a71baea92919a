package org.skypatrol.gateway.analytics;

import org.skypatrol.analytics.frame.SourceStats;
import org.skypatrol.analytics.pipeline.FrameQueue;

/**
 * Where a live analysis gets its frames ({@link SourceAnalysis}): runs on the source's decode thread
 * and puts decoded frames, thinned to the analysis rate, into the analysis' bounded queue. A pulled
 * source ({@link PulledFrames}) or a stream published to the gateway ({@link PublishedFrames}).
 */
interface LiveFrames {

    /** Produces frames into {@code out} until {@link #stop}, the end of a file, or a closed queue. */
    void run(FrameQueue out) throws InterruptedException;

    /** Asks {@link #run} to return soon (from another thread; the decode thread is also interrupted). */
    void stop();

    SourceStats stats();

    /** Pulled: starting, running, reconnecting, ended; published: waiting, running, failed. */
    String state();

    /** The last open/read/decode problem, or null. */
    String lastError();

    /** Pulled: re-opens after an error or end of stream; published: publishers that took over after the first. */
    long reconnects();

    /** Published: whole GOPs dropped before decoding. */
    default long droppedGops() {
        return 0;
    }

    /** Published: access units not decoded (in dropped GOPs, or undecodable before a keyframe). */
    default long lostUnits() {
        return 0;
    }
}
