package org.ferrel.calibration.shallowwater;

import org.ferrel.calibration.problem.TimeMeanProblem;

import java.util.ArrayList;
import java.util.List;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.CheckpointSchedule;
import org.ferrel.calibration.problem.FieldObservations;
import org.ferrel.io.scenario.shallowwater.ShallowWaterSetup;
import org.ferrel.calibration.observe.Observations;
import org.ferrel.calibration.observe.PointInterpolation;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.RayleighDrag;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.shallowwater.PolarFilter;
import org.ferrel.physics.basis.Basis;
import org.ferrel.physics.basis.Harmonics;
import org.ferrel.physics.forcing.EquilibriumRelaxation;

/**
 * A forced-dissipative shallow-water twin: a layer at rest relaxes toward an equilibrium depth
 * given by 9 spherical-harmonic coefficients (degrees 0..2) with time scale tau, under Rayleigh
 * drag; the observations are the time-mean depth and winds of the "true" parameters on every
 * centre. 11 free parameters: tau, the drag rate and the 9 coefficients.
 */
final class TwinSetup {
    static final double[] TRUE_COEFFICIENTS = {8000, 60, -150, 90, -400, 70, -50, 40, 30};
    static final double TRUE_TIME_SCALE = 3 * 86400;
    static final double TRUE_DRAG = 4e-6;

    final LatLonGrid grid;
    final Model model;
    final State initial;
    final Basis basis;
    final Eager ops = Eager.serial();
    final int steps;
    final int meanSteps;

    TwinSetup(double degrees, double timeStep, int steps, int meanSteps) {
        this.grid = LatLonGrid.earth(degrees);
        this.basis = Harmonics.realSpherical(grid, 0, 2);
        this.model = Model.builder(grid).timeStep(timeStep).filter(new PolarFilter(grid, Math.toRadians(45)))
                .term(new EquilibriumRelaxation(basis, 5 * 86400, 3 * 86400, new double[] {8000, 0, 0, 0, 0, 0, 0, 0, 0}, 500))
                .term(new RayleighDrag(1e-6))
                .build();
        double[] h = new double[grid.nx() * grid.ny()];
        java.util.Arrays.fill(h, 8000);
        this.initial = new State(ops.constant(grid.shape(), h), ops.zeros(grid.shape()), ops.zeros(grid.shape()));
        this.steps = steps;
        this.meanSteps = meanSteps;
    }

    static List<String> freeParameters() {
        return List.of(EquilibriumRelaxation.TIME_SCALE, RayleighDrag.RATE, EquilibriumRelaxation.COEFFICIENTS);
    }

    /** θ in the problem's order: tau, drag, 9 coefficients. */
    static double[] truth() {
        double[] t = new double[11];
        t[0] = TRUE_TIME_SCALE;
        t[1] = TRUE_DRAG;
        System.arraycopy(TRUE_COEFFICIENTS, 0, t, 2, 9);
        return t;
    }

    /** A problem observing the fields of {@code truth} (plus noise of the given size when seed >= 0). */
    TimeMeanProblem<State> problem(double[] truth, double sigmaHeight, double sigmaWind, long noiseSeed) {
        PointInterpolation at = centres();
        // what is observed, where, with which errors; the values come from the run with the true parameters
        List<FieldObservations<State>> sets = List.of(
                observe("depth", at, sigmaHeight), observe("u", at, sigmaWind), observe("v", at, sigmaWind));
        Tensor[] defaults = model.defaultParameters(ops);
        double[][] trueMeans = new TimeMeanProblem<>(model, initial, defaults, freeParameters(), steps, meanSteps, sets,
                CheckpointSchedule.binomial(8), ops).observedMeans(truth);
        java.util.Random random = new java.util.Random(noiseSeed);
        List<FieldObservations<State>> observed = new ArrayList<>();
        for (int v = 0; v < sets.size(); v++) {
            FieldObservations<State> o = sets.get(v);
            double[] y = trueMeans[v].clone();
            for (int i = 0; i < y.length; i++) {
                y[i] += noiseSeed >= 0 ? o.sigma()[i] * random.nextGaussian() : 0;
            }
            observed.add(new FieldObservations<>(o.field(), new Observations(o.name(), o.operator(), y, o.sigma())));
        }
        return new TimeMeanProblem<>(model, initial, defaults, freeParameters(), steps, meanSteps, observed,
                CheckpointSchedule.binomial(8), ops);
    }

    /** Observations of a field at the points, with zero values (filled in from a run) and one error for all. */
    FieldObservations<State> observe(String field, PointInterpolation at, double sigma) {
        return new FieldObservations<>(ShallowWaterSetup.observable(model, field),
                new Observations(field, at, new double[at.size()], filled(at.size(), sigma)));
    }

    PointInterpolation centres() {
        double[] lat = new double[grid.ny()];
        double[] lon = new double[grid.nx()];
        for (int j = 0; j < lat.length; j++) {
            lat[j] = Math.toDegrees(grid.latitude(j));
        }
        for (int i = 0; i < lon.length; i++) {
            lon[i] = 360.0 * i / grid.nx();
        }
        return PointInterpolation.toGrid(grid, lat, lon);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
