package org.ferrel.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The STREAM triad {@code a[i] = b[i] + s c[i]} (McCalpin), one thread, on arrays far larger than the
 * caches (memory bound) and on arrays of one shallow-water field at 2.8 degrees (8,192 values, cache
 * resident): 24 bytes move per element. Gives the bandwidth bounds against which the dycore's bytes
 * per step are read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamBenchmark {
    @Param({"8192", "16777216"})
    public int size;

    private double[] a;
    private double[] b;
    private double[] c;

    @Setup
    public void setUp() {
        a = new double[size];
        b = new double[size];
        c = new double[size];
        for (int i = 0; i < size; i++) {
            b[i] = i * 1e-3;
            c[i] = 1.0 - i * 1e-4;
        }
    }

    @Benchmark
    public double[] triad() {
        double s = 3.0;
        double[] x = a;
        double[] y = b;
        double[] z = c;
        for (int i = 0; i < x.length; i++) {
            x[i] = y[i] + s * z[i];
        }
        return x;
    }
}
