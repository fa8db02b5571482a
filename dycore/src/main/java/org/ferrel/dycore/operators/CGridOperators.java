package org.ferrel.dycore.operators;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;

/**
 * Finite-volume operators of the Arakawa C-grid, written with {@link Ops} so that they run plainly,
 * on tapes and on tangents. Names say where the result lives ({@code ddxAtU}: x-derivative at
 * u-faces). Fluxes "per unit length" are multiplied by the face lengths here, so every divergence
 * is a telescoping sum of face fluxes: the area integral of a divergence is zero to rounding, which
 * is what makes mass conservation exact.
 *
 * <p>Neighbours: x is periodic ({@code roll}); in y the plane is periodic and the sphere is closed
 * by the poles, where values beyond the last row read as zero and the pole faces have zero length.
 *
 * <p>Fields are {@code [ny, nx]} or stacks of levels {@code [nz, ny, nx]}: x is always the last axis
 * and y the one before it, and the per-row metrics ({@code [ny, 1]}) broadcast over the levels, so
 * the same operators serve the shallow-water layer and every level of the primitive-equation core.
 */
public final class CGridOperators {
    private final Grid grid;
    private final Tensor dxAtCenter;
    private final Tensor inverseDxAtCenter;
    private final Tensor dxAtV;
    private final Tensor inverseDxAtV;
    private final Tensor inverseCellArea;
    private final Tensor inverseCornerArea;
    private final Tensor cellArea;
    private final Tensor cornerArea;
    private final Tensor coriolis;
    private final Tensor vMask;
    private final Tensor vMaskOverDy;
    private final double dy;
    /** Objects built from these operators on first use (fused kernels), by key. */
    private final ConcurrentHashMap<Object, Object> derived = new ConcurrentHashMap<>();

    public CGridOperators(Grid grid) {
        this(grid, null);
    }

    /**
     * @param coriolisAtCorners a Coriolis parameter field at the corners ([ny * nx] values, 1/s) to use
     *                          instead of the grid's (e.g. a rotated pole, as in Williamson case 2
     *                          with alpha != 0); {@code null} for the grid's own
     */
    public CGridOperators(Grid grid, double[] coriolisAtCorners) {
        this.grid = grid;
        Eager e = Eager.serial();
        this.dy = grid.dy();
        this.dxAtCenter = grid.rows(e, grid.dxAtCenterRow());
        this.inverseDxAtCenter = grid.rows(e, inverse(grid.dxAtCenterRow()));
        this.dxAtV = grid.rows(e, grid.dxAtVRow());
        this.inverseDxAtV = grid.rows(e, inverse(grid.dxAtVRow()));
        this.cellArea = grid.rows(e, grid.cellArea());
        this.inverseCellArea = grid.rows(e, inverse(grid.cellArea()));
        this.cornerArea = grid.rows(e, grid.cornerArea());
        this.inverseCornerArea = grid.rows(e, inverse(grid.cornerArea()));
        if (coriolisAtCorners != null && coriolisAtCorners.length != grid.nx() * grid.ny()) {
            throw new IllegalArgumentException("Coriolis field has " + coriolisAtCorners.length + " values, the grid "
                    + grid.shape() + " needs " + grid.nx() * grid.ny());
        }
        this.coriolis = coriolisAtCorners == null ? grid.rows(e, grid.coriolisAtCorner())
                : e.constant(grid.shape(), coriolisAtCorners);
        this.vMask = grid.rows(e, grid.vMask());
        this.vMaskOverDy = e.mul(vMask, 1.0 / dy);
    }

    /** 1/x, and 0 where x is 0 (pole faces): how every kernel inverts a per-row metric. */
    public static double[] inverse(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] == 0 ? 0.0 : 1.0 / x[i];
        }
        return r;
    }

    public Grid grid() {
        return grid;
    }

    /**
     * An object that depends only on these operators and {@code key} (such as a fused kernel with its
     * metric arrays), built by {@code build} on the first call for the key and shared afterwards by
     * every caller and thread. {@code build} must not call this method.
     */
    public <T> T derived(Object key, Class<T> type, Function<CGridOperators, ? extends T> build) {
        return type.cast(derived.computeIfAbsent(key, k -> build.apply(this)));
    }

    public Tensor coriolisAtCorner() {
        return coriolis;
    }

    /** 1 on prognostic v rows, 0 on the pole row (shape [ny, 1]). */
    public Tensor vMask() {
        return vMask;
    }

    public Tensor cellArea() {
        return cellArea;
    }

    public Tensor cornerArea() {
        return cornerArea;
    }

    // ---- neighbours ----

    /** {@code a[j][i+1]}. */
    public Tensor east(Ops o, Tensor a) {
        return o.roll(a, -1, -1);
    }

    /** {@code a[j][i-1]}. */
    public Tensor west(Ops o, Tensor a) {
        return o.roll(a, -1, 1);
    }

    /** {@code a[j+1][i]} (zero beyond the north pole on the sphere). */
    public Tensor north(Ops o, Tensor a) {
        return grid.periodicY() ? o.roll(a, -2, -1) : o.shift(a, -2, -1);
    }

    /** {@code a[j-1][i]} (zero beyond the south pole on the sphere). */
    public Tensor south(Ops o, Tensor a) {
        return grid.periodicY() ? o.roll(a, -2, 1) : o.shift(a, -2, 1);
    }

    // ---- averages between locations ----

    /** Centre to u-face: {@code (a_i + a_{i+1}) / 2}. */
    public Tensor centerToU(Ops o, Tensor a) {
        return o.mul(o.add(a, east(o, a)), 0.5);
    }

    /** Centre to v-face: {@code (a_j + a_{j+1}) / 2}. */
    public Tensor centerToV(Ops o, Tensor a) {
        return o.mul(o.add(a, north(o, a)), 0.5);
    }

    /** Centre to corner: the mean of the four surrounding centres. */
    public Tensor centerToCorner(Ops o, Tensor a) {
        return centerToV(o, centerToU(o, a));
    }

    /** u-face to centre: {@code (u_{i-1/2} + u_{i+1/2}) / 2}. */
    public Tensor uToCenter(Ops o, Tensor u) {
        return o.mul(o.add(u, west(o, u)), 0.5);
    }

    /** v-face to centre: {@code (v_{j-1/2} + v_{j+1/2}) / 2}. */
    public Tensor vToCenter(Ops o, Tensor v) {
        return o.mul(o.add(v, south(o, v)), 0.5);
    }

    /** u-face to corner (average in y). */
    public Tensor uToCorner(Ops o, Tensor u) {
        return o.mul(o.add(u, north(o, u)), 0.5);
    }

    /** v-face to corner (average in x). */
    public Tensor vToCorner(Ops o, Tensor v) {
        return o.mul(o.add(v, east(o, v)), 0.5);
    }

    /** Corner to u-face (average in y). */
    public Tensor cornerToU(Ops o, Tensor c) {
        return o.mul(o.add(c, south(o, c)), 0.5);
    }

    /** Corner to v-face (average in x). */
    public Tensor cornerToV(Ops o, Tensor c) {
        return o.mul(o.add(c, west(o, c)), 0.5);
    }

    // ---- derivatives ----

    /** x-derivative of a centred field at u-faces: {@code (a_{i+1} - a_i) / dx_j}. */
    public Tensor ddxAtU(Ops o, Tensor a) {
        return o.mul(o.sub(east(o, a), a), inverseDxAtCenter);
    }

    /** y-derivative of a centred field at v-faces: {@code (a_{j+1} - a_j) / dy} (masked at the pole). */
    public Tensor ddyAtV(Ops o, Tensor a) {
        return o.mul(o.sub(north(o, a), a), vMaskOverDy);
    }

    /**
     * Divergence at centres of a flux given per unit length at the faces (e.g. {@code h u}, {@code h v}):
     * {@code (F_{i+1/2} dy - F_{i-1/2} dy + G_{j+1/2} dx_{j+1/2} - G_{j-1/2} dx_{j-1/2}) / area_j}.
     */
    public Tensor divergenceAtCenter(Ops o, Tensor fluxU, Tensor fluxV) {
        Tensor fx = o.mul(fluxU, dy);
        Tensor fy = o.mul(fluxV, dxAtV);
        Tensor net = o.add(o.sub(fx, west(o, fx)), o.sub(fy, south(o, fy)));
        return o.mul(net, inverseCellArea);
    }

    /**
     * Relative vorticity at corners from the circulation around each dual cell:
     * {@code ((v_{i+1} - v_i) dy - (u_{j+1} dx_{j+1} - u_j dx_j)) / cornerArea}. On the sphere the
     * north-pole corners take the circulation of the whole polar cap.
     */
    public Tensor curlAtCorner(Ops o, Tensor u, Tensor v) {
        Tensor ux = o.mul(u, dxAtCenter);
        Tensor circulation = o.sub(o.mul(o.sub(east(o, v), v), dy), o.sub(north(o, ux), ux));
        Tensor zeta = o.mul(circulation, inverseCornerArea);
        if (grid.periodicY()) {
            return zeta;
        }
        // the pole "corners" of one row are one point: its vorticity is the cap's mean
        int[] rowShape = zeta.shape().dims();
        rowShape[rowShape.length - 1] = 1;
        Tensor zonalMean = o.broadcastTo(o.reshape(o.mul(o.sum(zeta, -1), 1.0 / grid.nx()),
                org.ferrel.autodiff.Shape.of(rowShape)), zeta.shape());
        return o.add(o.mul(zeta, vMask), o.mul(zonalMean, o.sub(o.scalar(1.0), vMask)));
    }

    /** Laplacian at centres: the divergence of the gradient. */
    public Tensor laplacianAtCenter(Ops o, Tensor a) {
        return divergenceAtCenter(o, ddxAtU(o, a), ddyAtV(o, a));
    }

    /**
     * Laplacian in which every zonal difference is scaled per row by {@code zonalWeight} ([ny, 1]),
     * as if the zonal spacing were {@code dx / weight}: still a flux divergence (each row's zonal
     * fluxes telescope), so its area integral vanishes. Used to keep diffusion's zonal rate bounded
     * near the poles.
     */
    public Tensor laplacianAtCenter(Ops o, Tensor a, Tensor zonalWeight) {
        return divergenceAtCenter(o, o.mul(ddxAtU(o, a), zonalWeight), ddyAtV(o, a), zonalWeight);
    }

    /** Divergence with the zonal part scaled per row by {@code zonalWeight} ([ny, 1]). */
    public Tensor divergenceAtCenter(Ops o, Tensor fluxU, Tensor fluxV, Tensor zonalWeight) {
        Tensor fx = o.mul(fluxU, dy);
        Tensor fy = o.mul(fluxV, dxAtV);
        Tensor net = o.add(o.mul(o.sub(fx, west(o, fx)), zonalWeight), o.sub(fy, south(o, fy)));
        return o.mul(net, inverseCellArea);
    }

    /**
     * Vector Laplacian of (u, v) as {@code grad(div) - curl(curl)}: at u-faces
     * {@code d(delta)/dx - d(zeta)/dy}, at v-faces {@code d(delta)/dy + d(zeta)/dx}.
     */
    public Tensor[] vectorLaplacian(Ops o, Tensor u, Tensor v) {
        return vectorLaplacian(o, u, v, null, null);
    }

    /**
     * The vector Laplacian with every zonal difference scaled per row: by {@code weightAtCenterRows}
     * on centre and u rows, by {@code weightAtVRows} on v and corner rows (both [ny, 1]; null
     * means 1). The divergence and the curl inside are scaled the same way, so that no mixed term
     * keeps the small zonal spacing.
     */
    public Tensor[] vectorLaplacian(Ops o, Tensor u, Tensor v, Tensor weightAtCenterRows, Tensor weightAtVRows) {
        if (weightAtCenterRows == null) {
            Tensor delta = divergenceAtCenter(o, u, v);
            Tensor zeta = curlAtCorner(o, u, v);
            Tensor lu = o.sub(ddxAtU(o, delta), o.mul(o.sub(zeta, south(o, zeta)), 1.0 / dy));
            Tensor lv = o.add(ddyAtV(o, delta), o.mul(o.sub(zeta, west(o, zeta)), inverseDxAtV));
            return new Tensor[] {lu, o.mul(lv, vMask)};
        }
        Tensor delta = divergenceAtCenter(o, u, v, weightAtCenterRows);
        Tensor ux = o.mul(u, dxAtCenter);
        Tensor circulation = o.sub(o.mul(o.mul(o.sub(east(o, v), v), dy), weightAtVRows), o.sub(north(o, ux), ux));
        Tensor zeta = o.mul(circulation, inverseCornerArea);
        Tensor lu = o.sub(o.mul(ddxAtU(o, delta), weightAtCenterRows), o.mul(o.sub(zeta, south(o, zeta)), 1.0 / dy));
        Tensor lv = o.add(ddyAtV(o, delta), o.mul(o.mul(o.sub(zeta, west(o, zeta)), inverseDxAtV), weightAtVRows));
        return new Tensor[] {lu, o.mul(lv, vMask)};
    }

    /** Area integral of a centred field: {@code sum_j area_j sum_i a[j][i]}. */
    public Tensor integral(Ops o, Tensor a) {
        return o.sum(o.mul(a, cellArea));
    }

    /** Area integral of a corner field over the dual cells. */
    public Tensor cornerIntegral(Ops o, Tensor a) {
        return o.sum(o.mul(a, cornerArea));
    }

    /** The u-face lengths dx_j as a [ny, 1] tensor. */
    public Tensor dxAtCenter() {
        return dxAtCenter;
    }

    public Tensor dxAtV() {
        return dxAtV;
    }

    public double dy() {
        return dy;
    }
}
