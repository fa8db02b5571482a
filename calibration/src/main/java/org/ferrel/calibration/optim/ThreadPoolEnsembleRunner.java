package org.ferrel.calibration.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link EnsembleRunner} on a fixed pool of platform threads, created for each batch and shut
 * down after it (a model run dwarfs the cost of starting threads). Outcomes are collected in member
 * order whatever order the runs finish in.
 *
 * @param threads pool size, at least 1 (1: on the calling thread, no pool)
 */
public record ThreadPoolEnsembleRunner(int threads) implements EnsembleRunner {
    public ThreadPoolEnsembleRunner {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    @Override
    public List<MemberOutcome> evaluate(LeastSquaresProblem problem, List<double[]> members) {
        List<MemberOutcome> outcomes = new ArrayList<>(members.size());
        if (threads == 1 || members.size() <= 1) {
            for (double[] theta : members) {
                outcomes.add(MemberOutcome.run(problem, theta.clone()));
            }
            return outcomes;
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, members.size()), r -> {
            Thread t = new Thread(r, "ferrel-ensemble-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<MemberOutcome>> futures = new ArrayList<>(members.size());
            for (double[] theta : members) {
                double[] copy = theta.clone();
                futures.add(pool.submit(() -> MemberOutcome.run(problem, copy)));
            }
            for (Future<MemberOutcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalibrationFailure("interrupted while running ensemble members", e);
        } catch (ExecutionException e) {
            throw new CalibrationFailure("an ensemble member's run ended abnormally: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
