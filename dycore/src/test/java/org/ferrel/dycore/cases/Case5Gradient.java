package org.ferrel.dycore.cases;

import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.autodiff.loop.Cost;
import org.ferrel.autodiff.loop.LoopGradient;
import org.ferrel.autodiff.loop.TimeLoop;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.dycore.time.ImexRungeKutta;

/**
 * The whole-run gradient of Williamson case 5: a regional diagnostic after n steps, differentiated
 * with respect to the topography and the initial depth under a binomial schedule, against central
 * finite differences in random directions.
 */
final class Case5Gradient {
    final LatLonGrid grid;
    final Model model;
    final State initial;
    final Tensor[] parameters;
    final TimeLoop loop;
    private final Eager o = Eager.serial();

    /** The explicit model (SSP-RK3, 900 s at 5.6 degrees, polar filter at 45 degrees). */
    Case5Gradient(double degrees, int steps) {
        this(degrees, steps, Double.NaN);
    }

    /**
     * With {@code semiImplicitStep} not NaN: the semi-implicit model (SIL3, gravity waves about
     * 6,000 m implicit, polar filter at 45 degrees) at that step [s].
     */
    Case5Gradient(double degrees, int steps, double semiImplicitStep) {
        grid = LatLonGrid.earth(degrees);
        InitialCondition ic = Williamson.case5();
        Model.Builder builder = Model.builder(grid).topography(ic.topography(grid)).timeStep(900 * degrees / 5.625)
                .filter(new PolarFilter(grid, Math.toRadians(45)));
        if (!Double.isNaN(semiImplicitStep)) {
            builder.timeStep(semiImplicitStep).semiImplicit(ImexRungeKutta.sil3(), 6000);
        }
        model = builder.build();
        initial = ic.state(o, grid);
        parameters = model.defaultParameters(o);
        // J: mean square depth anomaly over the mountain's quadrant (lon 180..360, lat 0..60), in m^2
        double[] weight = InitialCondition.sample(grid, Location.CENTER,
                (lon, lat) -> lon >= Math.PI && lat >= 0 && lat <= Math.PI / 3 ? 1.0 : 0.0);
        Tensor w = o.constant(grid.shape(), weight);
        double count = o.sum(w).item();
        Tensor reference = o.scalar(5000.0);
        Cost cost = Cost.atFinalLevel(steps, (q, s, p) -> q.mul(q.sum(q.mul(w, q.square(q.sub(s[0], reference)))), 1.0 / count));
        loop = new TimeLoop(model.asStep(), steps, cost);
    }

    /** Gradient with respect to (initial depth, topography). */
    Tensor[] gradient(int snapshots) {
        LoopGradient g = loop.gradient(o, initial.toArray(), parameters, CheckpointSchedule.binomial(snapshots));
        return new Tensor[] {g.initialStateGradient()[0], g.parameterGradient()[1]};
    }

    double cost(Tensor depth, Tensor topography) {
        Tensor[] p = parameters.clone();
        p[1] = topography;
        return loop.run(o, new Tensor[] {depth, initial.u(), initial.v()}, p).cost().item();
    }

    /**
     * Central differences against {@code <grad, d>} in random directions d: per direction the finite
     * difference, the adjoint's value, the plain relative difference {@code |fd - ad| / max(|fd|, |ad|)}
     * and the difference relative to {@code max(|fd|, |ad|, |grad| |d| / sqrt(n))}. The last is what the
     * tests assert: {@code |grad| |d| / sqrt(n)} is the typical size of a directional derivative in a
     * random direction of n components, and a direction nearly orthogonal to the gradient (at 5.6
     * degrees, seed 101 gives {@code <grad, d> = -0.116} against a typical 56) otherwise turns the
     * finite difference's own error, the same in absolute terms in every direction, into a large
     * relative one.
     */
    Comparison compare(Tensor[] gradient, int directions, double step) {
        double[] fds = new double[directions];
        double[] ads = new double[directions];
        double[] relative = new double[directions];
        double[] normalised = new double[directions];
        double gradientNorm = Math.sqrt(GradientCheck.inner(gradient, gradient));
        for (int k = 0; k < directions; k++) {
            Tensor[] d = GradientCheck.random(o, new Shape[] {grid.shape(), grid.shape()}, 100 + k);
            Ops q = o;
            double plus = cost(q.add(initial.h(), q.mul(d[0], step)), q.add(parameters[1], q.mul(d[1], step)));
            double minus = cost(q.sub(initial.h(), q.mul(d[0], step)), q.sub(parameters[1], q.mul(d[1], step)));
            double fd = (plus - minus) / (2 * step);
            double ad = GradientCheck.inner(gradient, d);
            int n = d[0].size() + d[1].size();
            double typical = gradientNorm * Math.sqrt(GradientCheck.inner(d, d)) / Math.sqrt(n);
            fds[k] = fd;
            ads[k] = ad;
            relative[k] = Math.abs(fd - ad) / Math.max(Math.abs(fd), Math.abs(ad));
            normalised[k] = Math.abs(fd - ad) / Math.max(typical, Math.max(Math.abs(fd), Math.abs(ad)));
        }
        return new Comparison(fds, ads, relative, normalised);
    }

    /** The finite differences, the adjoint's directional derivatives and their differences (see {@link #compare}). */
    record Comparison(double[] finiteDifferences, double[] adjoint, double[] relative, double[] normalised) {
        double maxNormalised() {
            return java.util.Arrays.stream(normalised).max().orElseThrow();
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < relative.length; k++) {
                s.append(String.format("%n  direction %d: fd %.12e, adjoint %.12e, relative %.3e, normalised %.3e", k,
                        finiteDifferences[k], adjoint[k], relative[k], normalised[k]));
            }
            return s.toString();
        }
    }
}
