package org.ferrel.calibration.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ferrel.calibration.optim.LeastSquaresProblem;

/**
 * The best parameters found so far in a fit, kept in {@code checkpoint.json} so that an interrupted
 * campaign resumes from them ({@code --resume}). The optimizer's own state (an L-BFGS memory, an
 * ensemble) is not kept: a resumed fit starts afresh from the best point.
 */
final class Checkpoint {
    private Checkpoint() {
    }

    /** Reads the parameters of a checkpoint, checking their names. */
    static double[] read(Path file, List<String> names) throws IOException {
        String text = Files.readString(file);
        double[] theta = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(names.get(i)) + "\": ([-+0-9.eE]+)").matcher(text);
            if (!m.find()) {
                throw new IOException(file + ": no value for parameter '" + names.get(i) + "'; the campaign changed since");
            }
            theta[i] = Double.parseDouble(m.group(1));
        }
        return theta;
    }

    /** A problem that writes the best parameters seen to the checkpoint file after each better forward run. */
    static final class Recording implements LeastSquaresProblem {
        private final LeastSquaresProblem inner;
        private final Path file;
        private final java.util.function.Consumer<String> log;
        private final long started = System.nanoTime();
        private double best = Double.POSITIVE_INFINITY;
        private int runs;

        Recording(LeastSquaresProblem inner, Path file, java.util.function.Consumer<String> log) {
            this.inner = inner;
            this.file = file;
            this.log = log;
        }

        @Override
        public List<String> parameterNames() {
            return inner.parameterNames();
        }

        @Override
        public int residualCount() {
            return inner.residualCount();
        }

        @Override
        public double[] lower() {
            return inner.lower();
        }

        @Override
        public double[] upper() {
            return inner.upper();
        }

        @Override
        public double[] priorMean() {
            return inner.priorMean();
        }

        @Override
        public double[] priorSpread() {
            return inner.priorSpread();
        }

        @Override
        public double[] typicalScale() {
            return inner.typicalScale();
        }

        @Override
        public synchronized double[] residuals(double[] theta) {
            double[] r = inner.residuals(theta);
            record(theta, r);
            return r;
        }

        @Override
        public void ranElsewhere(double[] theta, double[] residuals) {
            record(theta, residuals);
        }

        private synchronized void record(double[] theta, double[] r) {
            runs++;
            double cost = 0;
            for (double x : r) {
                cost += 0.5 * x * x;
            }
            double[] mean = priorMean();
            double[] spread = priorSpread();
            for (int i = 0; i < theta.length; i++) {
                if (Double.isFinite(spread[i])) {
                    double z = (theta[i] - mean[i]) / spread[i];
                    cost += 0.5 * z * z;
                }
            }
            if (cost < best) {
                log.accept(String.format(java.util.Locale.ROOT, "forward run %d: cost %.6g%s (%.0f s)", runs, cost,
                        Double.isFinite(best) ? String.format(java.util.Locale.ROOT, ", %.2f %% below the best so far",
                                100 * (best - cost) / best) : "", (System.nanoTime() - started) * 1e-9));
                best = cost;
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("cost", cost);
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < theta.length; i++) {
                    values.put(parameterNames().get(i), theta[i]);
                }
                c.put("parameters", values);
                try {
                    CampaignRunner.writeAtomically(file, Json.write(c));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot write the checkpoint " + file + ": " + e.getMessage(), e);
                }
            }
        }

        @Override
        public double[] jvp(double[] theta, double[] v) {
            return inner.jvp(theta, v);
        }

        @Override
        public double[] vjp(double[] theta, double[] w) {
            return inner.vjp(theta, w);
        }
    }
}
