package org.ferrel.cluster.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.ferrel.calibration.optim.BoundedLbfgs;
import org.ferrel.calibration.optim.EnsembleKalmanInversion;
import org.ferrel.calibration.optim.EnsembleRunner;
import org.ferrel.calibration.optim.FitResult;
import org.ferrel.calibration.optim.LeastSquaresProblem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration on Spark: EKI members as tasks, and gradients over observation windows reduced in a fixed order. */
class SparkCalibrationTest {
    static final Path ERA = Path.of("../examples/era-z500/eraint_uvz_every8.nc").toAbsolutePath().normalize();
    static final String SCENARIO = """
            name: m
            grid: {resolution: 11.25}
            dynamics: {timeStep: 30 min}
            terms:
              drag: {rate: 2e-6}
              equilibriumRelaxation:
                basis: {type: spherical, minDegree: 0, maxDegree: 1}
                timeScale: 2 days
                coefficientSpread: 300
            initial: {case: rest, depth: 5500}
            run: {length: 2 days}
            output: {interval: 1 day}
            """;

    @TempDir
    static Path dir;
    static JavaSparkContext sc;

    @BeforeAll
    static void start() throws IOException {
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        sc = SparkContexts.open("local[2]", "SparkCalibrationTest");
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    /** A campaign of the test scenario against ERA-Interim's January z500 over the last {@code window} of the run. */
    static CampaignProblemSource campaign(String window) throws IOException {
        String text = """
                name: small
                scenario: scenario.yaml
                parameters:
                  - name: drag.rate
                    prior: {mean: 2e-6, spread: 2e-6}
                  - equilibrium.coefficients
                observations:
                  window: WINDOW
                  sets:
                    - {name: z500, file: ERA, variable: z, field: surface, select: {level: 500, month: 1}, error: 20, stride: 2}
                optimizer: {method: eki, ensembleSize: 6, maxIterations: 2}
                checkpoints: 4
                """.replace("ERA", ERA.toString()).replace("WINDOW", window);
        Path file = dir.resolve("campaign-" + window.replace(' ', '-') + ".yaml");
        Files.writeString(file, text);
        return new CampaignProblemSource(text, file.toString());
    }

    @Test
    void ensembleKalmanInversionOnSparkIsBitwiseTheSerialOne() throws IOException {
        CampaignProblemSource source = campaign("1 day");
        LeastSquaresProblem problem = source.build();
        double[] start = ((org.ferrel.calibration.problem.TimeMeanProblem<?>) problem).current();
        EnsembleKalmanInversion eki = EnsembleKalmanInversion.defaults().withEnsembleSize(6).withMaxIterations(2).withSeed(3);
        FitResult serial = eki.withRunner(EnsembleRunner.serial()).minimize(problem, start);
        FitResult spark = eki.withRunner(new SparkEnsembleRunner(sc, source, 0)).minimize(problem, start);
        FitResult threeTasks = eki.withRunner(new SparkEnsembleRunner(sc, source, 3)).minimize(problem, start);
        assertArrayEquals(serial.theta(), spark.theta());
        assertArrayEquals(serial.theta(), threeTasks.theta());
        assertEquals(serial.cost().total(), spark.cost().total());
        assertEquals(serial.counts(), spark.counts(), "runs on executors are counted as if made on the driver");
        assertTrue(serial.counts().forwardRuns() >= 14, serial.counts().toString());
    }

    @Test
    void gradientsOverWindowsAreReducedInAFixedOrderWhateverThePartitioning() throws IOException {
        List<ProblemSource> windows = List.of(campaign("1 day"), campaign("2 days"), campaign("12 hours"));
        StackedProblem one = new StackedProblem(sc, windows, 1);
        StackedProblem two = new StackedProblem(sc, windows, 2);
        StackedProblem each = new StackedProblem(sc, windows, 0);
        double[] theta = ((org.ferrel.calibration.problem.TimeMeanProblem<?>) windows.getFirst().build()).current();
        double[] r = each.residuals(theta);
        assertEquals(each.residualCount(), r.length);
        double[] w = r.clone();
        double[] g1 = one.vjp(theta, w);
        assertArrayEquals(g1, two.vjp(theta, w));
        assertArrayEquals(g1, each.vjp(theta, w));
        // the same sum, window by window on this JVM in window order
        double[] expected = new double[theta.length];
        int at = 0;
        for (ProblemSource s : windows) {
            LeastSquaresProblem p = ProblemSource.problem(s);
            double[] part = p.vjp(theta, java.util.Arrays.copyOfRange(w, at, at + p.residualCount()));
            at += p.residualCount();
            for (int i = 0; i < expected.length; i++) {
                expected[i] += part[i];
            }
        }
        assertArrayEquals(expected, g1);
        // and a gradient-based fit does not depend on the partitioning
        BoundedLbfgs lbfgs = BoundedLbfgs.defaults().withMaxIterations(2);
        assertArrayEquals(lbfgs.minimize(one, theta).theta(), lbfgs.minimize(each, theta).theta());
    }
}
