package org.ferrel.physics.ebm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/** The diffusion operator of the energy balance grid: conservation, symmetry, eigenvector, order. */
class EbmGridTest {
    private final Eager o = Eager.serial();

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 60 * r.nextDouble() - 40;
        }
        return v;
    }

    @Test
    void diffusionConservesGlobalEnergyExactly() {
        for (EbmGrid g : new EbmGrid[] {EbmGrid.hemisphere(90), EbmGrid.globe(181), EbmGrid.hemisphere(2)}) {
            double[] t = random(g.cellCount(), 3);
            double[] div = g.divergence(o, o.constant(g.shape(), t)).values();
            double sum = 0;
            double scale = 0;
            for (double d : div) {
                sum += d;
                scale += Math.abs(d);
            }
            assertEquals(0.0, sum, 1e-14 * scale, g + ": sum of the transport over the cells");
        }
    }

    @Test
    void diffusionIsSymmetricAndNegativeSemiDefinite() {
        EbmGrid g = EbmGrid.globe(40);
        double[] u = random(40, 5);
        double[] v = random(40, 6);
        double uLv = dot(u, g.divergence(v));
        double vLu = dot(v, g.divergence(u));
        assertEquals(uLv, vLu, 1e-12 * Math.abs(uLv), "<u, L v> = <v, L u>");
        assertTrue(dot(u, g.divergence(u)) < 0, "<u, L u> < 0 for a non-constant u");
        double[] plain = g.divergence(u);
        double[] engine = g.divergence(o, o.constant(g.shape(), u)).values();
        for (int i = 0; i < 40; i++) {
            assertEquals(plain[i], engine[i], 1e-12 * Math.abs(plain[i]) + 1e-12, "plain and engine forms agree");
        }
    }

    @Test
    void cellAveragesOfP2AreAnExactEigenvectorWithEigenvalueMinusSix() {
        for (EbmGrid g : new EbmGrid[] {EbmGrid.hemisphere(7), EbmGrid.hemisphere(90), EbmGrid.globe(33)}) {
            double[] p2 = g.p2Average();
            double[] div = g.divergence(p2);
            double rounding = 1e-14 * p2.length * p2.length; // differences times (1 - x^2)/dx^2
            for (int i = 0; i < p2.length; i++) {
                assertEquals(-6.0 * p2[i], div[i], rounding, g + ", cell " + i);
            }
        }
    }

    @Test
    void p4IsAnEigenvectorToSecondOrder() {
        double previous = Double.NaN;
        for (int n : new int[] {20, 40, 80, 160}) {
            EbmGrid g = EbmGrid.hemisphere(n);
            double[] p4 = g.p4Average();
            double[] div = g.divergence(p4);
            double err = 0;
            for (int i = 0; i < n; i++) {
                err = Math.max(err, Math.abs(div[i] + 20.0 * p4[i]));
            }
            if (!Double.isNaN(previous)) {
                double rate = Math.log(previous / err) / Math.log(2);
                assertEquals(2.0, rate, 0.1, "order of the diffusion operator on P4 at N = " + n);
            }
            previous = err;
        }
    }

    @Test
    void cellsHaveEqualAreasAndKnownCentres() {
        EbmGrid g = EbmGrid.hemisphere(4);
        assertEquals(0.25, g.dx(), 0.0);
        assertEquals(0.125, g.centres()[0], 0.0);
        assertEquals(Math.toDegrees(Math.asin(0.875)), g.centreLatitudes()[3], 1e-12);
        Tensor ones = o.full(g.shape(), 2.0);
        assertEquals(2.0, g.mean(o, ones).item(), 0.0);
        assertEquals(1, g.cellOf(0.3));
        assertThrows(IllegalArgumentException.class, () -> EbmGrid.hemisphere(1));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
