package org.ferrel.physics.ebm;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;

/**
 * The finite-volume grid of the energy balance model: N cells of equal width {@code dx} in
 * x = sin(latitude), hence of equal area, on the hemisphere 0 &le; x &le; 1 (symmetric about the
 * equator) or on the globe -1 &le; x &le; 1.
 *
 * <p>The diffusion operator in flux form,
 * <pre>
 *   (div T)_i = [ k_{i+1/2} (T_{i+1} - T_i) - k_{i-1/2} (T_i - T_{i-1}) ],   k_f = (1 - x_f^2) / dx^2,
 * </pre>
 * approximates {@code d/dx[(1 - x^2) dT/dx]} averaged over cell i to second order. No flux crosses
 * the outer faces: at a pole {@code 1 - x^2 = 0}, at the equator of the hemisphere by symmetry.
 * The sum of {@code div T} over the cells is therefore zero for any T, so diffusion conserves global
 * energy exactly (to rounding), and the operator is symmetric and negative semi-definite. The cell
 * averages of P2 are an exact eigenvector, {@code div P2 = -6 P2}, because the differences of cell
 * averages of a quadratic are exact differences of point values.
 *
 * <p>Cell averages (not midpoint values) of the Legendre polynomials carry the geometry of the
 * forcing, so that global means of the forcing are exact for any N.
 */
public final class EbmGrid {

    /** Which part of the sphere the cells cover. */
    public enum Domain {
        /** 0 &le; x &le; 1, symmetric about the equator (no flux through it). */
        HEMISPHERE(0.0),
        /** -1 &le; x &le; 1, both poles. */
        GLOBE(-1.0);

        private final double start;

        Domain(double start) {
            this.start = start;
        }

        /** The lowest x of the domain. */
        public double start() {
            return start;
        }
    }

    private final Domain domain;
    private final int cells;
    private final double dx;
    private final double[] faces;
    private final double[] centres;
    private final double[] p2;
    private final double[] p2Squared;
    private final double[] p4;
    private final double[] faceCoefficient;

    private EbmGrid(Domain domain, int cells) {
        if (cells < 2) {
            throw new IllegalArgumentException("energy balance grid: need at least 2 cells, got " + cells);
        }
        this.domain = domain;
        this.cells = cells;
        double start = domain.start();
        this.dx = (1.0 - start) / cells;
        this.faces = new double[cells + 1];
        for (int f = 0; f <= cells; f++) {
            faces[f] = f == cells ? 1.0 : start + f * dx;
        }
        this.centres = new double[cells];
        this.p2 = new double[cells];
        this.p2Squared = new double[cells];
        this.p4 = new double[cells];
        for (int i = 0; i < cells; i++) {
            double a = faces[i];
            double b = faces[i + 1];
            centres[i] = 0.5 * (a + b);
            double m2 = moment(a, b, 2);
            double m4 = moment(a, b, 4);
            p2[i] = 1.5 * m2 - 0.5;
            p2Squared[i] = (9.0 * m4 - 6.0 * m2 + 1.0) / 4.0;
            p4[i] = (35.0 * m4 - 30.0 * m2 + 3.0) / 8.0;
        }
        // interior faces only: face f sits between cells f-1 and f (f = 1..cells-1)
        this.faceCoefficient = new double[cells - 1];
        for (int f = 1; f < cells; f++) {
            double x = faces[f];
            faceCoefficient[f - 1] = (1.0 - x * x) / (dx * dx);
        }
    }

    /** The cell average of x^k over [a, b]. */
    private static double moment(double a, double b, int k) {
        return (Math.pow(b, k + 1) - Math.pow(a, k + 1)) / ((k + 1) * (b - a));
    }

    /** N equal-area cells on the hemisphere 0 &le; x &le; 1. */
    public static EbmGrid hemisphere(int cells) {
        return new EbmGrid(Domain.HEMISPHERE, cells);
    }

    /** N equal-area cells on the globe -1 &le; x &le; 1. */
    public static EbmGrid globe(int cells) {
        return new EbmGrid(Domain.GLOBE, cells);
    }

    public static EbmGrid of(Domain domain, int cells) {
        return new EbmGrid(domain, cells);
    }

    public Domain domain() {
        return domain;
    }

    public int cellCount() {
        return cells;
    }

    public Shape shape() {
        return Shape.of(cells);
    }

    /** Cell width in x. */
    public double dx() {
        return dx;
    }

    /** The N + 1 cell faces in x, ascending. */
    public double[] faces() {
        return faces.clone();
    }

    /** The cell centres in x, ascending. */
    public double[] centres() {
        return centres.clone();
    }

    /** Latitudes of the cell centres, degrees north. */
    public double[] centreLatitudes() {
        double[] lat = new double[cells];
        for (int i = 0; i < cells; i++) {
            lat[i] = Math.toDegrees(Math.asin(centres[i]));
        }
        return lat;
    }

    /** Cell averages of P2(x) = (3x^2 - 1)/2. */
    public double[] p2Average() {
        return p2.clone();
    }

    /** Cell averages of P2(x)^2. */
    public double[] p2SquaredAverage() {
        return p2Squared.clone();
    }

    /** Cell averages of P4(x) = (35x^4 - 30x^2 + 3)/8. */
    public double[] p4Average() {
        return p4.clone();
    }

    /** {@code (1 - x_f^2) / dx^2} at the N - 1 interior faces, from the lowest x up. */
    public double[] faceCoefficients() {
        return faceCoefficient.clone();
    }

    /**
     * The diffusion operator {@code d/dx[(1 - x^2) dT/dx]} (per unit diffusivity) written with array
     * operations: differences to interior faces, fluxes, and their differences back to cells with zero
     * flux through the outer faces.
     */
    public Tensor divergence(Ops ops, Tensor temperature) {
        Tensor gradient = ops.sub(ops.slice(temperature, 0, 1, cells), ops.slice(temperature, 0, 0, cells - 1));
        Tensor flux = ops.mul(ops.constant(Shape.of(cells - 1), faceCoefficient), gradient);
        return ops.sub(ops.pad(flux, 0, 0, 1), ops.pad(flux, 0, 1, 0));
    }

    /** The same operator on plain arrays. */
    public double[] divergence(double[] temperature) {
        double[] out = new double[cells];
        for (int f = 0; f < cells - 1; f++) {
            double flux = faceCoefficient[f] * (temperature[f + 1] - temperature[f]);
            out[f] += flux;
            out[f + 1] -= flux;
        }
        return out;
    }

    /** The area-weighted mean over the domain (cells have equal areas): the global mean. */
    public Tensor mean(Ops ops, Tensor field) {
        return ops.mean(field);
    }

    /** The area-weighted mean of a plain field. */
    public double mean(double[] field) {
        double s = 0;
        for (double v : field) {
            s += v;
        }
        return s / field.length;
    }

    /** The cell that contains x (the nearest one for x outside the domain). */
    public int cellOf(double x) {
        int i = (int) Math.floor((x - domain.start()) / dx);
        return Math.max(0, Math.min(cells - 1, i));
    }

    @Override
    public String toString() {
        return "EbmGrid(" + domain + ", " + cells + " cells)";
    }
}
