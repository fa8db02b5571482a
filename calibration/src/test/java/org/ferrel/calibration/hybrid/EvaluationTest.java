package org.ferrel.calibration.hybrid;

import org.ferrel.dycore.cases.PerturbedJet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ferrel.autodiff.Eager;
import org.ferrel.dycore.cases.InitialCondition;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private final Eager o = Eager.serial();

    /** A single zonal wave u = U cos(3 lambda) has all its eddy energy U^2/4 at wavenumber 3. */
    @Test
    void spectrumOfAZonalWaveSitsAtItsWavenumber() {
        LatLonGrid g = LatLonGrid.earth(11.25);
        double[] u = InitialCondition.sample(g, Location.CENTER, (lon, lat) -> 8 * Math.cos(3 * lon));
        // u given at centres: the face values whose average to centres is exactly this wave up to a phase factor
        State s = new State(o.full(g.shape(), 1000), o.constant(g.shape(), u), o.zeros(g.shape()));
        double[] e = Evaluation.zonalSpectrum(g, s);
        double averaging = Math.cos(3 * g.dLambda() / 2);  // the centre average of a face wave damps it by cos(k dLambda / 2)
        assertEquals(64 / 4.0 * averaging * averaging, e[2], 1e-9);
        for (int k = 0; k < e.length; k++) {
            if (k != 2) {
                assertEquals(0, e[k], 1e-20);
            }
        }
    }

    @Test
    void rmseIsAreaWeighted() {
        LatLonGrid g = LatLonGrid.earth(22.5);
        double[] a = new double[g.nx() * g.ny()];
        double[] b = new double[a.length];
        java.util.Arrays.fill(b, 3.0);
        assertEquals(3.0, Evaluation.rmse(g, a, b, null, null), 1e-12);
        assertEquals(Math.sqrt(18), Evaluation.rmse(g, a, b, a, b), 1e-12);
    }

    @Test
    void stabilityRunsReportBlowUpsWithTheDay() {
        Model m = TinyHybrid.SETUP.coarse();
        State start = new PerturbedJet(1).state(o, m.grid());
        Evaluation.Stability fine = Evaluation.stability(new Evaluation.Variant("none", m, m.defaultParameters(o)), start, 1);
        assertTrue(fine.stable());
        double[] h = start.h().values().clone();
        h[37] = Double.NaN;  // a bad value: the first step's health check stops the run
        Evaluation.Stability bad = Evaluation.stability(new Evaluation.Variant("none", m, m.defaultParameters(o)),
                new State(o.constant(m.grid().shape(), h), start.u(), start.v()), 1);
        assertFalse(bad.stable());
        assertTrue(bad.stableFor() < 1 && bad.blowUp().contains("blew up at step"), bad.blowUp());
    }
}
