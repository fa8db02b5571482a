package org.ferrel.calibration.hybrid;

import org.ferrel.dycore.cases.PerturbedJet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;

/**
 * Generates {@link TruthData}: runs the fine model from each seed's {@link PerturbedJet}, and every
 * {@code stepsPerSnapshot} coarse steps ({@code factor} fine steps each) stores the coarse-grained
 * state {@code C(x)} and the subgrid tendency {@code C(F_fine(x)) - F_coarse(C(x))}, with F the
 * models' full tendencies. Initial conditions run in parallel, each on its own thread with its own
 * plain interpreter, so the data do not depend on the thread count.
 */
public final class TruthGenerator {
    private final ModelSetup setup;
    private final int snapshots;
    private final int stepsPerSnapshot;

    /**
     * @param setup            the models
     * @param snapshots        snapshots per trajectory, the initial one included
     * @param stepsPerSnapshot coarse steps between snapshots
     */
    public TruthGenerator(ModelSetup setup, int snapshots, int stepsPerSnapshot) {
        if (snapshots < 1 || stepsPerSnapshot < 1) {
            throw new IllegalArgumentException("truth: need at least one snapshot and one step between snapshots");
        }
        this.setup = setup;
        this.snapshots = snapshots;
        this.stepsPerSnapshot = stepsPerSnapshot;
    }

    /**
     * Runs every seed; {@code progress} receives the number of trajectories done.
     *
     * @throws org.ferrel.dycore.model.BlowUpException when the fine run blows up
     */
    public TruthData generate(List<Long> seeds, int threads, IntConsumer progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<TruthData.Trajectory>> futures = new ArrayList<>();
            for (long seed : seeds) {
                futures.add(pool.submit(() -> trajectory(seed)));
            }
            List<TruthData.Trajectory> out = new ArrayList<>();
            for (Future<TruthData.Trajectory> f : futures) {
                out.add(f.get());
                progress.accept(out.size());
            }
            return new TruthData(setup.coarseGrid(), setup.coarseTimeStep(), stepsPerSnapshot, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("truth generation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One seed's trajectory. */
    public TruthData.Trajectory trajectory(long seed) {
        Eager o = Eager.serial();
        Model fine = setup.fine();
        Model coarse = setup.coarse();
        CoarseGraining cg = setup.coarseGraining();
        Tensor[] fineParameters = fine.defaultParameters(o);
        var fineValues = fine.values(fineParameters);
        var coarseValues = coarse.values(coarse.defaultParameters(o));
        State s = new PerturbedJet(seed).state(o, fine.grid());
        double[][][] states = new double[snapshots][][];
        double[][][] targets = new double[snapshots][][];
        for (int t = 0; t < snapshots; t++) {
            if (t > 0) {
                s = fine.run(o, s, fineParameters, stepsPerSnapshot * setup.factor(), Model.StepObserver.NONE);
            }
            State c = cg.state(o, s);
            State fineTendency = cg.state(o, fine.tendency(o, s, fineValues));
            State coarseTendency = coarse.tendency(o, c, coarseValues);
            states[t] = values(c);
            targets[t] = new double[][] {minus(fineTendency.h(), coarseTendency.h()), minus(fineTendency.u(), coarseTendency.u()),
                minus(fineTendency.v(), coarseTendency.v())};
        }
        return new TruthData.Trajectory(seed, states, targets);
    }

    private static double[][] values(State s) {
        return new double[][] {s.h().values(), s.u().values(), s.v().values()};
    }

    private static double[] minus(Tensor a, Tensor b) {
        double[] x = a.values();
        double[] y = b.values();
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        return d;
    }
}
