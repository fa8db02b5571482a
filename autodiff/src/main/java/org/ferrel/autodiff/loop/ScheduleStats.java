package org.ferrel.autodiff.loop;

/**
 * What reversing a loop cost.
 *
 * @param forwardSteps         plain (unrecorded) step evaluations
 * @param recordedSteps        step evaluations recorded on a tape (one per step)
 * @param peakMemorySnapshots  most states held in memory at once
 * @param peakDiskSnapshots    most states held on disk at once
 * @param diskBytesWritten     bytes of snapshots written to disk
 * @param peakTapeNodes        most tape nodes alive at once (kept tapes included)
 */
public record ScheduleStats(long forwardSteps, long recordedSteps, int peakMemorySnapshots,
                            int peakDiskSnapshots, long diskBytesWritten, long peakTapeNodes) {
}
