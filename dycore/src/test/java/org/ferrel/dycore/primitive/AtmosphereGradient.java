package org.ferrel.dycore.primitive;

import java.util.Random;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.cases.JablonowskiWilliamson;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.shallowwater.PolarFilter;

/**
 * The whole-run gradient of the baroclinic wave with Held-Suarez forcing on a coarse grid: a
 * random-weighted scalar of the final state (not a conserved quantity), differentiated with respect
 * to the initial state and every Held-Suarez parameter under a binomial schedule, against central
 * finite differences in random directions scaled to each field.
 */
final class AtmosphereGradient {
    final AtmosphereModel model;
    final AtmosphereState initial;
    final Tensor[] parameters;
    final TimeLoop loop;
    private final Eager o = Eager.serial();
    private final int firstHeldSuarez;

    AtmosphereGradient(double degrees, int levels, double timeStep, int steps) {
        LatLonGrid grid = JablonowskiWilliamson.grid(degrees);
        SigmaCoordinate sigma = SigmaCoordinate.uniform(levels);
        model = AtmosphereModel.builder(grid, sigma).surfaceGeopotential(JablonowskiWilliamson.surfaceGeopotential(grid))
                .filter(new PolarFilter(grid, Math.toRadians(60))).term(new HeldSuarez())
                .term(new AtmosphereHyperdiffusion(AtmosphereHyperdiffusion.forTimeScale(grid, 86400.0)))
                .timeStep(timeStep).build();
        initial = JablonowskiWilliamson.baroclinicWave(o, grid, sigma);
        parameters = model.defaultParameters(o);
        firstHeldSuarez = model.parameters().indexOf(model.parameters().stream()
                .filter(p -> p.name().equals(HeldSuarez.FRICTION_RATE)).findFirst().orElseThrow());
        Random r = new Random(42);
        Shape shape = initial.u().shape();
        Tensor wu = o.constant(shape, gaussian(r, shape.size()));
        Tensor wt = o.constant(shape, gaussian(r, shape.size()));
        Tensor wp = o.constant(grid.shape(), gaussian(r, grid.shape().size()));
        double n = shape.size();
        Cost cost = Cost.atFinalLevel(steps, (q, s, p) -> q.mul(q.add(q.add(
                q.sum(q.mul(wu, q.square(s[0]))),
                q.sum(q.mul(wt, q.square(q.sub(s[2], q.scalar(250.0)))))),
                q.sum(q.mul(wp, q.square(q.mul(q.sub(s[3], q.scalar(1e5)), 0.01))))), 1.0 / n));
        loop = new TimeLoop(model.asStep(), steps, cost);
    }

    private static double[] gaussian(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    /** The gradient: [u, v, T, ps] of the initial state, then the eight Held-Suarez parameters. */
    Tensor[] gradient(int snapshots) {
        LoopGradient g = loop.gradient(o, initial.toArray(), parameters, CheckpointSchedule.binomial(snapshots));
        Tensor[] all = new Tensor[12];
        System.arraycopy(g.initialStateGradient(), 0, all, 0, 4);
        System.arraycopy(g.parameterGradient(), firstHeldSuarez, all, 4, 8);
        return all;
    }

    private double cost(Tensor[] x) {
        Tensor[] p = parameters.clone();
        System.arraycopy(x, 4, p, firstHeldSuarez, 8);
        return loop.run(o, java.util.Arrays.copyOf(x, 4), p).cost().item();
    }

    /**
     * Relative differences between {@code <grad, d>} and central differences in random directions d
     * (each field's perturbation scaled: 1 m/s, 1 K, 100 Pa, 1 % of each parameter; v zero on the pole row).
     */
    double[] compare(Tensor[] gradient, int directions, double step) {
        double[] errors = new double[directions];
        Tensor[] x = new Tensor[12];
        System.arraycopy(initial.toArray(), 0, x, 0, 4);
        System.arraycopy(parameters, firstHeldSuarez, x, 4, 8);
        for (int k = 0; k < directions; k++) {
            Tensor[] d = GradientCheck.random(o, GradientCheck.shapes(x), 300 + k);
            d[1] = o.mul(d[1], model.dynamics().operators().vMask());
            d[3] = o.mul(d[3], 100.0);
            for (int i = 4; i < 12; i++) {
                d[i] = o.mul(d[i], 0.01 * x[i].item());
            }
            Ops q = o;
            Tensor[] plus = new Tensor[12];
            Tensor[] minus = new Tensor[12];
            for (int i = 0; i < 12; i++) {
                plus[i] = q.add(x[i], q.mul(d[i], step));
                minus[i] = q.sub(x[i], q.mul(d[i], step));
            }
            double fd = (cost(plus) - cost(minus)) / (2 * step);
            double ad = GradientCheck.inner(gradient, d);
            errors[k] = Math.abs(fd - ad) / Math.max(Math.abs(fd), Math.abs(ad));
        }
        return errors;
    }
}
