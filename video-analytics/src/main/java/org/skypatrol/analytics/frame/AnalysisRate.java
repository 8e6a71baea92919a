package org.skypatrol.analytics.frame;

/**
 * Thins decoded frames to the analysis rate (issue 5, "frames → analysis rate"): a frame is due when
 * its time reaches the next analysis slot, half a source frame early being fine, and each kept frame
 * moves the slot on by one analysis period (never behind the kept frame by more than half a period,
 * so a stream that stalls and resumes does not burst). Shared by every frame source (files, pulled
 * streams, published streams). Not thread-safe: one decode thread.
 */
public final class AnalysisRate {

    private final double period;
    private double nextDue;

    /** @param analysisFps frames per second to analyse; 0 or less keeps every frame */
    public AnalysisRate(double analysisFps) {
        this.period = analysisFps <= 0 ? 0 : 1.0 / analysisFps;
    }

    /**
     * @param timeSeconds the frame's time
     * @param frameStep   the source's frame interval in seconds (1/fps)
     * @return whether the frame at this time is due for analysis
     */
    public boolean due(double timeSeconds, double frameStep) {
        return period == 0 || timeSeconds + 0.5 * frameStep >= nextDue;
    }

    /** The frame at {@code timeSeconds} was kept: the next slot is one period later. */
    public void kept(double timeSeconds) {
        nextDue = Math.max(nextDue + period, timeSeconds + period * 0.5);
    }
}
