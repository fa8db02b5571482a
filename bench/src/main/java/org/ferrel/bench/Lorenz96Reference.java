package org.ferrel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.testsystems.Lorenz96;

/**
 * Writes the benchmark's initial state for the PyTorch peer, and prints Ferrel's loss and gradient
 * of the same problem as one JSON line, so that the comparison also checks that both sides agree.
 * Usage: {@code Lorenz96Reference <x0-output-file>}.
 */
public final class Lorenz96Reference {
    private Lorenz96Reference() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        double[] x0 = Lorenz96.initialState(Lorenz96Benchmark.N, 8.0, 2000, Lorenz96Benchmark.DT);
        StringBuilder sb = new StringBuilder();
        for (double v : x0) {
            sb.append(String.format(Locale.ROOT, "%.17g%n", v));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, sb.toString());
        Lorenz96Benchmark b = new Lorenz96Benchmark();
        b.fused = true;
        b.setUp();
        LoopGradient g = b.gradientBinomial10();
        Eager ops = Eager.serial();
        Tensor gx = g.initialStateGradient()[0];
        System.out.println(String.format(Locale.ROOT,
                "{\"peer\": \"ferrel\", \"loss\": %.17g, \"dL/dF\": %.17g, \"dL/dx0[0]\": %.17g, \"|x0|\": %.17g}",
                g.cost().item(), g.parameterGradient()[0].item(), gx.get(0), ops.sqrt(ops.sum(ops.square(ops.vector(x0)))).item()));
    }
}
