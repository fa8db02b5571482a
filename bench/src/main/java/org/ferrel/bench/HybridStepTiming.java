package org.ferrel.bench;

import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.dycore.cases.Galewsky;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.hybrid.nn.Activation;
import org.ferrel.hybrid.nn.Network;
import org.ferrel.hybrid.param.FeatureSet;
import org.ferrel.hybrid.param.NeuralTendency;

/**
 * Where the time of a hybrid shallow-water step goes at 2.8 degrees: the dynamics alone, the
 * dynamics with a pointwise MLP closure (3-16-16-3, tanh, quiet start so the run stays the same),
 * and one evaluation of the closure's tendency. Prints three lines of five repetitions:
 * {@code java -cp bench/target/benchmarks.jar org.ferrel.bench.HybridStepTiming}.
 */
public final class HybridStepTiming {
    private HybridStepTiming() {
    }

    public static void main(String[] args) {
        Eager o = Eager.serial();
        LatLonGrid g = LatLonGrid.earth(2.8125);
        Network net = Network.mlp(3, new int[] {16, 16}, 3, Activation.TANH);
        NeuralTendency closure = new NeuralTendency("closure", net, FeatureSet.POINTWISE, NeuralTendency.quietStart(net, 1));
        Model dynamics = Model.builder(g).timeStep(300).filter(new PolarFilter(g, Math.toRadians(45))).build();
        Model hybrid = Model.builder(g).timeStep(300).filter(new PolarFilter(g, Math.toRadians(45))).term(closure).build();
        State x = Galewsky.jet(true).state(o, g);
        var values = hybrid.values(hybrid.defaultParameters(o));
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            dynamics.run(o, x, dynamics.defaultParameters(o), 40, Model.StepObserver.NONE);
            long t1 = System.nanoTime();
            hybrid.run(o, x, hybrid.defaultParameters(o), 40, Model.StepObserver.NONE);
            long t2 = System.nanoTime();
            for (int k = 0; k < 120; k++) {
                closure.tendency(o, hybrid.operators(), x, values);
            }
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "dynamics %.2f ms/step, hybrid %.2f ms/step, closure tendency %.2f ms/call%n",
                    (t1 - t0) / 40e6, (t2 - t1) / 40e6, (t3 - t2) / 120e6);
        }
    }
}
