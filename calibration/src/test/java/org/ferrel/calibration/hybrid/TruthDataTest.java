package org.ferrel.calibration.hybrid;

import org.ferrel.dycore.cases.PerturbedJet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ferrel.autodiff.Eager;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthDataTest {
    private static double mass(LatLonGrid g, double[] h) {
        double[] a = g.cellArea();
        double s = 0;
        for (int k = 0; k < h.length; k++) {
            s += a[k / g.nx()] * h[k];
        }
        return s;
    }

    /** The fine model keeps mass and coarse-graining keeps it, so the coarse truth's mass is constant. */
    @Test
    void coarseGrainedTruthKeepsTheFineRunsMass() {
        TruthData t = TinyHybrid.truth();
        double first = mass(t.grid(), t.trajectories().getFirst().states()[0][0]);
        double last = mass(t.grid(), t.trajectories().getFirst().states()[t.snapshots() - 1][0]);
        assertEquals(0, (last - first) / first, 1e-13);
    }

    /** The target is C(F_fine(x)) - F_coarse(C(x)): the coarse model plus the target tendency gives the coarse-grained fine tendency. */
    @Test
    void targetIsTheCoarseGrainedFineTendencyMinusTheCoarseTendency() {
        Eager o = Eager.serial();
        ModelSetup s = TinyHybrid.SETUP;
        Model fine = s.fine();
        Model coarse = s.coarse();
        State x = new PerturbedJet(1).state(o, fine.grid());
        State expected = s.coarseGraining().state(o, fine.tendency(o, x, fine.values(fine.defaultParameters(o))));
        TruthData.Trajectory tr = TinyHybrid.truth().trajectories().getFirst();
        State c = tr.state(o, s.coarseGrid(), 0);
        State total = coarse.tendency(o, c, coarse.values(coarse.defaultParameters(o))).plus(o, tr.target(o, s.coarseGrid(), 0));
        assertArrayEquals(expected.h().values(), total.h().values(), 1e-12 * max(expected.h().values()));
        assertArrayEquals(expected.u().values(), total.u().values(), 1e-12 * max(expected.u().values()));
        assertTrue(max(tr.targets()[0][1]) > 0, "a non-zero subgrid tendency");
    }

    private static double max(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void truthFilesRoundTripBitwiseAndCarryTheirDigest(@TempDir Path dir) throws IOException {
        TruthData t = TinyHybrid.truth();
        Path file = dir.resolve("truth.nc");
        TruthFile.write(file, t, "abc", Map.of("source", "test"));
        assertEquals("abc", TruthFile.digest(file));
        TruthData back = TruthFile.read(file);
        assertEquals(t.grid(), back.grid());
        assertEquals(t.stepsPerSnapshot(), back.stepsPerSnapshot());
        assertEquals(List.of(1L, 2L), back.trajectories().stream().map(TruthData.Trajectory::seed).toList());
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < t.snapshots(); k++) {
                for (int f = 0; f < 3; f++) {
                    assertArrayEquals(t.trajectories().get(c).states()[k][f], back.trajectories().get(c).states()[k][f], 0.0);
                    assertArrayEquals(t.trajectories().get(c).targets()[k][f], back.trajectories().get(c).targets()[k][f], 0.0);
                }
            }
        }
    }

    @Test
    void truthDoesNotDependOnTheThreadCount() {
        TruthData one = new TruthGenerator(TinyHybrid.SETUP, 3, 3).generate(List.of(1L, 2L), 1, n -> { });
        TruthData two = TinyHybrid.truth();
        assertArrayEquals(one.trajectories().get(1).states()[2][1], two.trajectories().get(1).states()[2][1], 0.0);
    }
}
