package org.ferrel.dycore.shallowwater;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector forms of {@link DiffusionKernel}'s inner loops, as {@link TendencySimd} is for the
 * shallow-water kernel: each method does, for whole vectors of the cells {@code from <= k < to} of
 * one row, what the kernel's scalar loop does there, with the same operations in the same order, and
 * returns the first cell it left to the scalar loop. East and west neighbours are k + 1 and k - 1;
 * rows beyond a pole read as zero ({@code hasNorth}, {@code hasSouth} false), as the scalar loops'
 * {@code 0.0} does: the wrapped row is loaded and its lanes replaced by zeros (a blend, not a
 * conditional: vectors that merge at a branch may be allocated). Loaded only where {@link org.ferrel.autodiff.exec.Simd} says the vector API is
 * present.
 */
final class DiffusionSimd {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final DoubleVector ZERO = DoubleVector.zero(S);

    private DiffusionSimd() {
    }

    /** Doubles per vector on this machine. */
    static int lanes() {
        return L;
    }

    private static DoubleVector at(double[] a, int k) {
        return DoubleVector.fromArray(S, a, k);
    }

    private static int upper(int from, int to) {
        return from + S.loopBound(Math.max(0, to - from));
    }

    // ---- forward ----

    /** {@code DiffusionKernel.divergenceAndCurlAt} over cells [from, to). */
    static int divergenceAndCurl(double[] u, int uOff, double[] v, int vOff, double[] delta, double[] zeta,
                                 boolean hasNorth, boolean hasSouth, int north, int south, double dy, double wc,
                                 double wv, double dxv, double dxvS, double dxc, double dxcN, double ia, double ica,
                                 int from, int to) {
        VectorMask<Double> noNorth = S.maskAll(!hasNorth);
        VectorMask<Double> noSouth = S.maskAll(!hasSouth);
        int k = from;
        for (int end = upper(from, to); k < end; k += L) {
            DoubleVector uk = at(u, uOff + k);
            DoubleVector vk = at(v, vOff + k);
            DoubleVector fyS = at(v, vOff + k + south).mul(dxvS).blend(ZERO, noSouth);
            uk.mul(dy).sub(at(u, uOff + k - 1).mul(dy)).mul(wc).add(vk.mul(dxv).sub(fyS)).mul(ia).intoArray(delta, k);
            DoubleVector uxN = at(u, uOff + k + north).mul(dxcN).blend(ZERO, noNorth);
            at(v, vOff + k + 1).sub(vk).mul(dy).mul(wv).sub(uxN.sub(uk.mul(dxc))).mul(ica).intoArray(zeta, k);
        }
        return k;
    }

    /** {@code DiffusionKernel.vectorLaplacianAt} over cells [from, to). */
    static int vectorLaplacian(double[] delta, double[] zeta, double[] lu, int luOff, double[] lv, int lvOff,
                               double[] unscaled, double scale, boolean hasNorth, boolean hasSouth, int north,
                               int south, double inverseDy, double idx, double wc, double wv, double idxv,
                               double mOverDy, double m, int from, int to) {
        VectorMask<Double> noNorth = S.maskAll(!hasNorth);
        VectorMask<Double> noSouth = S.maskAll(!hasSouth);
        int k = from;
        for (int end = upper(from, to); k < end; k += L) {
            DoubleVector dk = at(delta, k);
            DoubleVector zk = at(zeta, k);
            DoubleVector zS = at(zeta, k + south).blend(ZERO, noSouth);
            DoubleVector luk = at(delta, k + 1).sub(dk).mul(idx).mul(wc).sub(zk.sub(zS).mul(inverseDy));
            luk.mul(scale).intoArray(lu, luOff + k);
            DoubleVector dN = at(delta, k + north).blend(ZERO, noNorth);
            DoubleVector lvk = dN.sub(dk).mul(mOverDy).add(zk.sub(at(zeta, k - 1)).mul(idxv).mul(wv)).mul(m);
            lvk.mul(scale).intoArray(lv, lvOff + k);
            if (unscaled != null) {
                luk.intoArray(unscaled, luOff + k);
                lvk.intoArray(unscaled, lvOff + k);
            }
        }
        return k;
    }

    /** {@code DiffusionKernel.laplacianAt} over cells [from, to). */
    static int laplacian(double[] a, int aOff, double[] out, double[] unscaled, int outOff, double scale,
                         boolean hasNorth, boolean hasSouth, int north, int south, double dy, double idx, double wc,
                         double mOverDy, double mOverDyS, double dxv, double dxvS, double ia, int from, int to) {
        VectorMask<Double> noNorth = S.maskAll(!hasNorth);
        VectorMask<Double> noSouth = S.maskAll(!hasSouth);
        int k = from;
        for (int end = upper(from, to); k < end; k += L) {
            DoubleVector ak = at(a, aOff + k);
            DoubleVector fx = at(a, aOff + k + 1).sub(ak).mul(idx).mul(wc).mul(dy);
            DoubleVector fxW = ak.sub(at(a, aOff + k - 1)).mul(idx).mul(wc).mul(dy);
            DoubleVector aN = at(a, aOff + k + north).blend(ZERO, noNorth);
            DoubleVector fy = aN.sub(ak).mul(mOverDy).mul(dxv);
            DoubleVector fyS = ak.sub(at(a, aOff + k + south)).mul(mOverDyS).mul(dxvS).blend(ZERO, noSouth);
            DoubleVector lk = fx.sub(fxW).mul(wc).add(fy.sub(fyS)).mul(ia);
            lk.mul(scale).intoArray(out, outOff + k);
            if (unscaled != null) {
                lk.intoArray(unscaled, outOff + k);
            }
        }
        return k;
    }

    // ---- adjoint ----

    /** The interior of {@code DiffusionKernel.transposedVectorLaplacian}'s row loop over cells [from, to). */
    static int transposedVectorLaplacian(double[] a, int aOff, double[] b, int bOff, double[] gDelta, double[] gZeta,
                                         boolean hasNorth, boolean hasSouth, int north, int south, double inverseDy,
                                         double ca, double cb, double cbS, double db, double ia, double ica, int from,
                                         int to) {
        VectorMask<Double> noNorth = S.maskAll(!hasNorth);
        VectorMask<Double> noSouth = S.maskAll(!hasSouth);
        int k = from;
        for (int end = upper(from, to); k < end; k += L) {
            DoubleVector ak = at(a, aOff + k);
            DoubleVector bk = at(b, bOff + k);
            DoubleVector bS = at(b, bOff + k + south).blend(ZERO, noSouth);
            at(a, aOff + k - 1).sub(ak).mul(ca).add(bS.mul(cbS).sub(bk.mul(cb))).mul(ia).intoArray(gDelta, k);
            DoubleVector aN = at(a, aOff + k + north).blend(ZERO, noNorth);
            bk.sub(at(b, bOff + k + 1)).mul(db).sub(ak.sub(aN).mul(inverseDy)).mul(ica).intoArray(gZeta, k);
        }
        return k;
    }

    /** The interior of {@code DiffusionKernel.transposedDivergenceAndCurl}'s row loop over cells [from, to). */
    static int transposedDivergenceAndCurl(double[] d, double[] z, double[] gu, double[] gv, double scale,
                                           boolean hasNorth, boolean hasSouth, int north, int south, double cu,
                                           double dxc, double dxv, double cv, int from, int to) {
        VectorMask<Double> noNorth = S.maskAll(!hasNorth);
        VectorMask<Double> noSouth = S.maskAll(!hasSouth);
        int k = from;
        for (int end = upper(from, to); k < end; k += L) {
            DoubleVector dk = at(d, k);
            DoubleVector zk = at(z, k);
            DoubleVector zS = at(z, k + south).blend(ZERO, noSouth);
            DoubleVector dN = at(d, k + north).blend(ZERO, noNorth);
            dk.sub(at(d, k + 1)).mul(cu).add(zk.sub(zS).mul(dxc)).mul(scale).intoArray(gu, k);
            dk.sub(dN).mul(dxv).add(at(z, k - 1).sub(zk).mul(cv)).mul(scale).intoArray(gv, k);
        }
        return k;
    }

    /** The interior of {@code DiffusionKernel.transposedLaplacian}'s row loop over cells [from, to). */
    static int transposedLaplacian(double[] g, int gOff, double[] out, double scale, boolean hasNorth,
                                   boolean hasSouth, int north, int south, double ia, double iaN, double iaS,
                                   double wc, double cx, double cy, double cyS, int from, int to) {
        VectorMask<Double> noNorth = S.maskAll(!hasNorth);
        VectorMask<Double> noSouth = S.maskAll(!hasSouth);
        int k = from;
        for (int end = upper(from, to); k < end; k += L) {
            DoubleVector tk = at(g, gOff + k).mul(ia);
            DoubleVector xk = tk.mul(wc);
            DoubleVector xw = at(g, gOff + k - 1).mul(ia).mul(wc);
            DoubleVector xe = at(g, gOff + k + 1).mul(ia).mul(wc);
            DoubleVector tN = at(g, gOff + k + north).mul(iaN).blend(ZERO, noNorth);
            DoubleVector tS = at(g, gOff + k + south).mul(iaS).blend(ZERO, noSouth);
            DoubleVector zonal = xw.sub(xk).sub(xk.sub(xe)).mul(cx);
            DoubleVector meridional = tS.sub(tk).mul(cyS).sub(tk.sub(tN).mul(cy));
            zonal.add(meridional).mul(scale).intoArray(out, k);
        }
        return k;
    }
}
