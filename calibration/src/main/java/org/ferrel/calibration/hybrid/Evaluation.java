package org.ferrel.calibration.hybrid;

import java.util.Arrays;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.BlowUpException;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * Skill of a coarse model against held-out coarse-grained truth: area-weighted RMSE of h and of the
 * wind at lead times, the zonal kinetic-energy spectrum at the last lead, and stability over a long
 * run (the model's blow-up check: non-finite values, negative depths or speeds over 1000 m/s).
 */
public final class Evaluation {
    /** A model to evaluate with its parameter values. */
    public record Variant(String name, Model model, Tensor[] parameters) {
    }

    /**
     * Mean skill over the held-out trajectories.
     *
     * @param variant  the model's name
     * @param leadDays lead times [days]
     * @param rmseH    RMSE of h [m] at each lead (NaN after a blow-up)
     * @param rmseWind RMSE of the wind vector [m/s] at each lead
     * @param spectrum zonal KE spectrum at the last lead, wavenumbers 1..nx/2 [m^2/s^2]
     */
    public record Skill(String variant, double[] leadDays, double[] rmseH, double[] rmseWind, double[] spectrum) {
    }

    /**
     * A long run.
     *
     * @param variant   the model's name
     * @param days      the length asked for [days]
     * @param stableFor days run before a blow-up, or {@code days}
     * @param blowUp    the blow-up message, or null when it stayed stable
     */
    public record Stability(String variant, double days, double stableFor, String blowUp) {
        public boolean stable() {
            return blowUp == null;
        }
    }

    private Evaluation() {
    }

    /** Skill at lead snapshots {@code leads} (each at most the truth's last snapshot). */
    public static Skill skill(Variant v, TruthData truth, int[] leads) {
        Eager o = Eager.serial();
        LatLonGrid g = truth.grid();
        int n = truth.trajectories().size();
        double[] h = new double[leads.length];
        double[] w = new double[leads.length];
        double[] spectrum = new double[g.nx() / 2];
        for (TruthData.Trajectory tr : truth.trajectories()) {
            State s = tr.state(o, g, 0);
            int at = 0;
            boolean blown = false;
            for (int k = 0; k < leads.length; k++) {
                if (!blown) {
                    try {
                        s = v.model().run(o, s, v.parameters(), (leads[k] - at) * truth.stepsPerSnapshot(), Model.StepObserver.NONE);
                        at = leads[k];
                    } catch (BlowUpException e) {
                        blown = true;
                    }
                }
                State t = tr.state(o, g, leads[k]);
                h[k] += blown ? Double.NaN : rmse(g, s.h().values(), t.h().values(), null, null) / n;
                w[k] += blown ? Double.NaN : rmse(g, s.u().values(), t.u().values(), s.v().values(), t.v().values()) / n;
            }
            double[] e = blown ? nan(spectrum.length) : zonalSpectrum(g, s);
            for (int k = 0; k < spectrum.length; k++) {
                spectrum[k] += e[k] / n;
            }
        }
        double[] days = new double[leads.length];
        for (int k = 0; k < leads.length; k++) {
            days[k] = leads[k] * truth.snapshotInterval() / 86400;
        }
        return new Skill(v.name(), days, h, w, spectrum);
    }

    /** The truth's spectrum at a snapshot, averaged over trajectories. */
    public static double[] truthSpectrum(TruthData truth, int snapshot) {
        Eager o = Eager.serial();
        double[] spectrum = new double[truth.grid().nx() / 2];
        for (TruthData.Trajectory tr : truth.trajectories()) {
            double[] e = zonalSpectrum(truth.grid(), tr.state(o, truth.grid(), snapshot));
            for (int k = 0; k < e.length; k++) {
                spectrum[k] += e[k] / truth.trajectories().size();
            }
        }
        return spectrum;
    }

    /** Runs {@code days} from {@code start}, reporting when and where it blew up. */
    public static Stability stability(Variant v, State start, double days) {
        Eager o = Eager.serial();
        int steps = (int) Math.round(days * 86400 / v.model().timeStep());
        try {
            v.model().run(o, start, v.parameters(), steps, Model.StepObserver.NONE);
            return new Stability(v.name(), days, days, null);
        } catch (BlowUpException e) {
            return new Stability(v.name(), days, e.step() * v.model().timeStep() / 86400, e.getMessage());
        }
    }

    /**
     * Area-weighted RMSE {@code sqrt(sum w (a - b)^2 [+ (c - d)^2])} with w the cell areas over the
     * total area (the second pair, when given, adds the meridional wind).
     */
    public static double rmse(LatLonGrid g, double[] a, double[] b, double[] c, double[] d) {
        double[] area = g.cellArea();
        double total = g.totalArea();
        double s = 0;
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                int k = j * g.nx() + i;
                double e = (a[k] - b[k]) * (a[k] - b[k]);
                if (c != null) {
                    e += (c[k] - d[k]) * (c[k] - d[k]);
                }
                s += area[j] / total * e;
            }
        }
        return Math.sqrt(s);
    }

    /**
     * Zonal kinetic-energy spectrum: u and v brought to centres, Fourier-transformed along each row
     * equatorward of 60 degrees, {@code E(k) = c_k (|u_k|^2 + |v_k|^2) / (2 nx^2)} with u_k the
     * discrete Fourier coefficients and c_k = 2 (1 at the Nyquist wavenumber) for the one-sided
     * spectrum, so that the sum over k >= 1 is the row's mean eddy kinetic energy per unit mass;
     * averaged over the rows with weight cos(latitude); wavenumbers 1..nx/2.
     */
    public static double[] zonalSpectrum(LatLonGrid g, State s) {
        Eager o = Eager.serial();
        CGridOperators ops = new CGridOperators(g);
        double[] u = ops.uToCenter(o, s.u()).values();
        double[] v = ops.vToCenter(o, s.v()).values();
        int nx = g.nx();
        double[] e = new double[nx / 2];
        double weights = 0;
        for (int j = 0; j < g.ny(); j++) {
            double lat = g.latitude(j);
            if (Math.abs(lat) > Math.toRadians(60)) {
                continue;
            }
            double w = Math.cos(lat);
            weights += w;
            for (int k = 1; k <= nx / 2; k++) {
                double ur = 0;
                double ui = 0;
                double vr = 0;
                double vi = 0;
                for (int i = 0; i < nx; i++) {
                    double c = Math.cos(2 * Math.PI * k * i / nx);
                    double sn = Math.sin(2 * Math.PI * k * i / nx);
                    ur += u[j * nx + i] * c;
                    ui -= u[j * nx + i] * sn;
                    vr += v[j * nx + i] * c;
                    vi -= v[j * nx + i] * sn;
                }
                double factor = k == nx / 2 ? 1.0 : 2.0;
                e[k - 1] += w * factor * 0.5 * (ur * ur + ui * ui + vr * vr + vi * vi) / ((double) nx * nx);
            }
        }
        for (int k = 0; k < e.length; k++) {
            e[k] /= weights;
        }
        return e;
    }

    private static double[] nan(int n) {
        double[] x = new double[n];
        Arrays.fill(x, Double.NaN);
        return x;
    }
}
