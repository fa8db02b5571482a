package org.ferrel.calibration.ebm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrel.calibration.campaign.CampaignFile;
import org.ferrel.calibration.campaign.CampaignRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance of issue 17 for the energy balance model, in process: the three campaign files of
 * {@code examples/ebm-ncep} (A, B, D and the ice-free co-albedo fitted to the NCEP air temperature at
 * sigma 0.995 and OLR, 90 cells) with Levenberg-Marquardt, L-BFGS-B and ensemble Kalman inversion
 * reach the same cost within 1e-3 relative. The command-line runs are recorded in docs/validation.md.
 */
class EbmNcepCampaignsTest {
    private static final Path EXAMPLES = Path.of("../examples/ebm-ncep").toAbsolutePath().normalize();

    @Test
    void levenbergMarquardtLbfgsAndEkiReachTheSameCost(@TempDir Path dir) throws Exception {
        double[] costs = new double[3];
        String[] files = {"campaign.yaml", "campaign-lbfgs.yaml", "campaign-eki.yaml"};
        for (int k = 0; k < files.length; k++) {
            List<String> log = new ArrayList<>();
            CampaignRunner.Result r = CampaignRunner.run(CampaignFile.read(EXAMPLES.resolve(files[k])),
                    new CampaignRunner.Options(dir.resolve("fit" + k), false, log::add));
            costs[k] = r.fit().cost().total();
            System.out.printf(Locale.ROOT, "ebm-ncep %s: %s, cost %.6f, %s%n", files[k], r.fit().stopReason(), costs[k],
                    r.fit().counts());
            assertFalse(r.fit().endedWorseThanStart(), log.toString());
        }
        printRunCosts(CampaignRunner.problem(CampaignFile.read(EXAMPLES.resolve(files[0]))).problem());
        for (int k = 1; k < 3; k++) {
            assertEquals(costs[0], costs[k], 1e-3 * costs[0], files[k] + " against " + files[0]);
        }
        assertTrue(costs[0] <= costs[2], "the gradient method reaches the minimum at least as closely as the ensemble");
    }

    /**
     * The cost of a JVP and of a VJP in forward runs (each re-solves the steady state), measured side by side
     * at the start point and printed for docs/validation.md's forward-run equivalents (not asserted).
     */
    private static void printRunCosts(org.ferrel.calibration.optim.LeastSquaresProblem p) {
        double[] theta = p.priorMean();
        double[] direction = p.typicalScale();
        double[] w = new double[p.residualCount()];
        java.util.Arrays.fill(w, 1.0);
        double[] seconds = new double[3];
        for (int round = 0; round < 2; round++) {   // the first round warms the JIT up
            java.util.Arrays.fill(seconds, 0);
            for (int k = 0; k < 20; k++) {
                long t0 = System.nanoTime();
                p.residuals(theta);
                long t1 = System.nanoTime();
                p.jvp(theta, direction);
                long t2 = System.nanoTime();
                p.vjp(theta, w);
                long t3 = System.nanoTime();
                seconds[0] += (t1 - t0) * 1e-9;
                seconds[1] += (t2 - t1) * 1e-9;
                seconds[2] += (t3 - t2) * 1e-9;
            }
        }
        System.out.printf(Locale.ROOT, "ebm-ncep run costs (measured under load, side by side): forward %.2f ms, JVP %.2f"
                + " forward runs, VJP %.2f forward runs%n", 1e3 * seconds[0] / 20, seconds[1] / seconds[0], seconds[2] / seconds[0]);
    }
}
