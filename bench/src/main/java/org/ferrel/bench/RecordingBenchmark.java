package org.ferrel.bench;

import java.util.concurrent.TimeUnit;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tape;
import org.ferrel.autodiff.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per array operation: a chain of {@value #OPS} element-wise operations (mul, sin, add
 * alternating) evaluated plainly, recorded on a tape, and recorded then reversed. With size = 1
 * the numbers are the interpreter's fixed cost per operation; with larger arrays the kernels'.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordingBenchmark {
    static final int OPS = 300;

    @Param({"1", "1000", "10000"})
    public int size;

    private final Eager eager = Eager.serial();
    private Tensor x;
    private Tensor w;

    @Setup
    public void setUp() {
        double[] v = new double[size];
        double[] u = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = 0.1 + 1e-3 * i % 1.0;
            u[i] = 0.5 - 1e-4 * i % 0.3;
        }
        x = eager.constant(Shape.of(size), v);
        w = eager.constant(Shape.of(size), u);
    }

    private Tensor chain(Ops ops, Tensor start) {
        Tensor y = start;
        for (int i = 0; i < OPS / 3; i++) {
            y = ops.add(ops.sin(ops.mul(y, w)), start);
        }
        return y;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor plain() {
        return chain(eager, x);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor record() {
        Tape tape = new Tape(eager);
        return chain(tape, tape.variable(x));
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor recordAndReverse() {
        Tape tape = new Tape(eager);
        Tensor in = tape.variable(x);
        Tensor y = chain(tape, in);
        return tape.vjp(new Tensor[] {y}, new Tensor[] {w}, new Tensor[] {in})[0];
    }
}
