package org.ferrel.dycore.primitive;

import java.util.Locale;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.cases.JablonowskiWilliamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.shallowwater.PolarFilter;

/**
 * Runs one whole-run gradient of the Held-Suarez-forced baroclinic wave with binomial checkpointing
 * and prints its cost, for {@link AtmosphereGradientMemoryValidationTest} to start in a JVM with a
 * small heap. Arguments: degrees, levels, time step [s], steps, snapshots, schedule (binomial|storeAll).
 */
public final class GradientInSmallHeap {
    private GradientInSmallHeap() {
    }

    public static void main(String[] args) {
        double degrees = Double.parseDouble(args[0]);
        int levels = Integer.parseInt(args[1]);
        double dt = Double.parseDouble(args[2]);
        int steps = Integer.parseInt(args[3]);
        int snapshots = Integer.parseInt(args[4]);
        Eager o = Eager.serial();
        LatLonGrid grid = JablonowskiWilliamson.grid(degrees);
        SigmaCoordinate sigma = SigmaCoordinate.uniform(levels);
        AtmosphereModel model = AtmosphereModel.builder(grid, sigma)
                .surfaceGeopotential(JablonowskiWilliamson.surfaceGeopotential(grid))
                .filter(new PolarFilter(grid, Math.toRadians(60))).term(new HeldSuarez())
                .term(new AtmosphereHyperdiffusion(AtmosphereHyperdiffusion.forTimeScale(grid, 86400.0)))
                .timeStep(dt).build();
        TimeLoop loop = new TimeLoop(model.asStep(), steps,
                Cost.atFinalLevel(steps, (q, s, p) -> q.mul(q.sum(q.square(s[2])), 1e-9)));
        Tensor[] x = JablonowskiWilliamson.baroclinicWave(o, grid, sigma).toArray();
        CheckpointSchedule schedule = args[5].equals("storeAll") ? CheckpointSchedule.storeAll()
                : CheckpointSchedule.binomial(snapshots);
        LoopGradient g = loop.gradient(o, x, model.defaultParameters(o), schedule);
        Runtime rt = Runtime.getRuntime();
        System.out.println(String.format(Locale.ROOT, "GRADIENT steps=%d cost=%.12e |dJ/dT0|=%.6e forwardSteps=%d maxHeap=%dMB",
                steps, g.cost().item(), norm(g.initialStateGradient()[2].values()), g.stats().forwardSteps(),
                rt.maxMemory() >> 20));
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
