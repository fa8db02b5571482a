package org.ferrel.autodiff.exec;

/**
 * The body of a data-parallel loop over {@code [from, to)}: a call of a static kernel method over
 * flat arrays. Ranges handed to one kernel are disjoint, so a kernel writes only its own range.
 */
@FunctionalInterface
public interface RangeKernel {
    void run(int from, int to);
}
