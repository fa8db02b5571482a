package org.ferrel.dycore.shallowwater;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector forms of {@link TendencyKernel}'s inner loops: each method does, for the cells
 * {@code from <= k < to} of one row (whole vectors of them), what the kernel's scalar loop does at
 * those cells, with the same operations in the same order on every element, so the results are
 * bitwise the same. It returns the first cell it left to the scalar loop (the row's tail). Callers
 * pick cells whose east and west neighbours are k + 1 and k - 1 (not the periodic wrap); the
 * northern and southern rows are read at {@code k + north} and {@code k + south} (into a zero row
 * beyond a pole, as the scalar loops do). Loaded only where {@link org.ferrel.autodiff.exec.Simd}
 * says the vector API is present.
 */
final class TendencySimd {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private TendencySimd() {
    }

    /** Four lanes: the partial sums of {@link #rowSum}. */
    private static final VectorSpecies<Double> FOUR = DoubleVector.SPECIES_256;

    /** Whether {@link #rowSum} runs in vectors here (the machine's vectors hold at least four doubles). */
    static boolean vectorRowSum() {
        return L >= 4;
    }

    /**
     * {@link TendencyKernel}'s row sum of gB (h + b): lane r of one four-lane vector sums the cells
     * {@code base + r}, {@code base + r + 4}, ...; then {@code (s0 + s1) + (s2 + s3)} and the tail
     * in order, as the scalar form does.
     */
    static double rowSum(double[] gB, double[] h, double[] b, int base, int nx) {
        DoubleVector acc = DoubleVector.zero(FOUR);
        int k = base;
        int end = base + nx;
        for (; k + 4 <= end; k += 4) {
            DoubleVector hb = DoubleVector.fromArray(FOUR, h, k).add(DoubleVector.fromArray(FOUR, b, k));
            acc = acc.add(DoubleVector.fromArray(FOUR, gB, k).mul(hb));
        }
        double sum = (acc.lane(0) + acc.lane(1)) + (acc.lane(2) + acc.lane(3));
        for (; k < end; k++) {
            sum += gB[k] * (h[k] + b[k]);
        }
        return sum;
    }

    /** Doubles per vector on this machine. */
    static int lanes() {
        return L;
    }

    private static DoubleVector at(double[] a, int k) {
        return DoubleVector.fromArray(S, a, k);
    }

    // ---- forward ----

    /** Pass 1: face depths and mass fluxes (reads k + 1 only, so any cells but the row's last). */
    static int faceFluxes(double[] h, double[] u, double[] v, double[] hN, int north, double dxv, double[] hu,
                          double[] bigU, double[] hv, double[] bigV, double[] w, int from, int to) {
        int k = from;
        int upper = from + S.loopBound(Math.max(0, to - from));
        for (; k < upper; k += L) {
            DoubleVector hk = at(h, k);
            DoubleVector huK = hk.add(at(h, k + 1)).mul(0.5);
            huK.intoArray(hu, k);
            huK.mul(at(u, k)).intoArray(bigU, k);
            DoubleVector hvK = hk.add(at(hN, k + north)).mul(0.5);
            hvK.intoArray(hv, k);
            DoubleVector bigVK = hvK.mul(at(v, k));
            bigVK.intoArray(bigV, k);
            bigVK.mul(dxv).intoArray(w, k);
        }
        return k;
    }

    /** Pass 2: continuity, vorticity, corner depth. */
    static int continuityVorticity(double[] u, double[] v, double[] bigU, double[] w, double[] hu, double[] wS,
                                   double[] uN, double[] huN, int south, int north, double dy, double dxNorth,
                                   double ia, double ica, double dxj, double[] out, double[] zeta, double[] hq,
                                   int from, int to) {
        int k = from;
        int upper = from + S.loopBound(Math.max(0, to - from));
        for (; k < upper; k += L) {
            DoubleVector flux = at(bigU, k).sub(at(bigU, k - 1)).mul(dy).add(at(w, k).sub(at(wS, k + south)));
            flux.neg().mul(ia).intoArray(out, k);
            DoubleVector circulation = at(v, k + 1).sub(at(v, k)).mul(dy)
                    .sub(at(uN, k + north).mul(dxNorth).sub(at(u, k).mul(dxj)));
            circulation.mul(ica).intoArray(zeta, k);
            at(hu, k).add(at(huN, k + north)).mul(0.5).intoArray(hq, k);
        }
        return k;
    }

    /**
     * Pass 3: potential vorticity, its fluxes and the Bernoulli function; the Coriolis parameter is
     * given as a field at corners; ku, kn, ks the row's kinetic-energy weights.
     */
    static int vorticityFluxes(double[] h, double[] u, double[] v, double g, double[] b, double[] zeta, double[] hq,
                               double[] w, double[] bigU, double[] uN, double[] vS, int north, int south, double[] f,
                               double ku, double kn, double ks, double[] q, double[] qv, double[] qu,
                               double[] bernoulli, int from, int to) {
        int k = from;
        for (; k + L <= to; k += L) {
            DoubleVector qk = at(zeta, k).add(at(f, k)).div(at(hq, k));
            qk.intoArray(q, k);
            DoubleVector halfQ = qk.mul(0.5);
            halfQ.mul(at(w, k).add(at(w, k + 1))).intoArray(qv, k);
            halfQ.mul(at(bigU, k).add(at(uN, k + north))).intoArray(qu, k);
            DoubleVector uk = at(u, k);
            DoubleVector uw = at(u, k - 1);
            DoubleVector vk = at(v, k);
            DoubleVector vs = at(vS, k + south);
            DoubleVector kinetic = uk.mul(uk).add(uw.mul(uw)).mul(ku).add(vk.mul(vk).mul(kn)).add(vs.mul(vs).mul(ks));
            kinetic.add(at(h, k).add(at(b, k)).mul(g)).intoArray(bernoulli, k);
        }
        return k;
    }

    /** Pass 4: momentum tendencies into {@code out[n + k]} and {@code out[2n + k]}. */
    static int momentum(double[] qv, double[] qu, double[] bernoulli, double[] qvS, double[] bN, int north, int south,
                        double idx, double m, double mOverDy, double[] out, int n, int from, int to) {
        int k = from;
        int upper = from + S.loopBound(Math.max(0, to - from));
        for (; k < upper; k += L) {
            DoubleVector bk = at(bernoulli, k);
            DoubleVector coriolisU = at(qv, k).add(at(qvS, k + south)).mul(0.5).mul(idx);
            coriolisU.sub(at(bernoulli, k + 1).sub(bk).mul(idx)).intoArray(out, n + k);
            DoubleVector coriolisV = at(qu, k).add(at(qu, k - 1)).mul(-0.5);
            coriolisV.sub(at(bN, k + north).sub(bk).mul(mOverDy)).mul(m).intoArray(out, 2 * n + k);
        }
        return k;
    }

    // ---- adjoint ----

    /**
     * Adjoint pass A: the cotangents of the Bernoulli function and of the potential-vorticity fluxes
     * from the output's ({@code cot}: dh, du, dv stacked at 0, n, 2n).
     */
    static int bernoulliAndFluxes(double[] cot, int n, double[] gdvS, int sbv, double[] gduN, int nbu, double idx,
                                  double idxN, double m, double mS, double mOverDy, double mOverDyS, double[] gB,
                                  double[] gqv, double[] gqu, int base, int from, int to) {
        int k = from;
        int upper = from + S.loopBound(Math.max(0, to - from));
        for (; k < upper; k += L) {
            int i = k - base;
            DoubleVector gduK = at(cot, n + k);
            DoubleVector gdvK = at(cot, 2 * n + k).mul(m);
            gduK.sub(at(cot, n + k - 1)).mul(idx).add(gdvK.mul(mOverDy))
                    .sub(at(gdvS, sbv + i).mul(mS).mul(mOverDyS)).intoArray(gB, k);
            gduK.mul(idx).add(at(gduN, nbu + i).mul(idxN)).mul(0.5).intoArray(gqv, k);
            gdvK.add(at(cot, 2 * n + k + 1).mul(m)).mul(-0.5).intoArray(gqu, k);
        }
        return k;
    }

    /*
     * Passes C and E are two loops each: as one, their methods grow beyond what the JIT inlines
     * (NodeCountInliningCutoff), and vector operations that are not inlined allocate.
     */

    /**
     * Adjoint pass C, first part: the velocity and depth cotangents through the Bernoulli function
     * and the flux cotangents through the potential-vorticity fluxes.
     */
    static int bernoulliAndFluxAdjoint(double[] u, double[] v, double g, double twiceKu, double twiceKvHere,
                                       double twiceKvAbove, double[] gBN, double[] gquS, double[] qS,
                                       double[] q, double[] gB, double[] gqu, double[] gqv, int nb, int sb,
                                       double[] gu, double[] gv, double[] gh, double[] gU, double[] gW, int base,
                                       int from, int to) {
        int k = from;
        int upper = from + S.loopBound(Math.max(0, to - from));
        for (; k < upper; k += L) {
            int i = k - base;
            DoubleVector gBK = at(gB, k);
            at(u, k).mul(twiceKu).mul(gBK.add(at(gB, k + 1))).intoArray(gu, k);
            at(v, k).mul(gBK.mul(twiceKvHere).add(at(gBN, nb + i).mul(twiceKvAbove))).intoArray(gv, k);
            gBK.mul(g).intoArray(gh, k);
            DoubleVector qk = at(q, k);
            at(gqu, k).mul(qk).add(at(gquS, sb + i).mul(at(qS, sb + i))).mul(0.5).intoArray(gU, k);
            at(gqv, k).mul(qk).add(at(gqv, k - 1).mul(at(q, k - 1))).mul(0.5).intoArray(gW, k);
        }
        return k;
    }

    /**
     * Adjoint pass C, second part: the cotangents of the relative vorticity and of the corner depth
     * through q, with the forward's face depths and fluxes recomputed by its operations in its order.
     */
    static int potentialVorticityAdjoint(double[] h, double[] u, double[] v, double[] hN, double[] uNorth,
                                         double[] q, double[] gqu, double[] gqv, double dxv, int nb, double[] gzeta,
                                         double[] ghq, int base, int from, int to) {
        int k = from;
        int upper = from + S.loopBound(Math.max(0, to - from));
        for (; k < upper; k += L) {
            int i = k - base;
            DoubleVector hk = at(h, k);
            DoubleVector he = at(h, k + 1);
            DoubleVector hn = at(hN, nb + i);
            DoubleVector hne = at(hN, nb + i + 1);
            DoubleVector huK = hk.add(he).mul(0.5);
            DoubleVector huN = hn.add(hne).mul(0.5);
            DoubleVector bigUK = huK.mul(at(u, k));
            DoubleVector bigUN = huN.mul(at(uNorth, nb + i));
            DoubleVector wK = hk.add(hn).mul(0.5).mul(at(v, k)).mul(dxv);
            DoubleVector wE = he.add(hne).mul(0.5).mul(at(v, k + 1)).mul(dxv);
            DoubleVector hqK = huK.add(huN).mul(0.5);
            DoubleVector gq = at(gqu, k).mul(0.5).mul(bigUK.add(bigUN)).add(at(gqv, k).mul(0.5).mul(wK.add(wE)));
            DoubleVector gz = gq.div(hqK);
            gz.intoArray(gzeta, k);
            gz.neg().mul(at(q, k)).intoArray(ghq, k);
        }
        return k;
    }

    /** Adjoint pass E, first part: the velocity cotangents through the relative vorticity. */
    static int vorticityAdjoint(double[] gzeta, double[] gzetaS, int sb, double dy, double ica, double icaS,
                                double dxj, double[] gu, double[] gv, int base, int from, int to) {
        int k = from;
        int upper = from + S.loopBound(Math.max(0, to - from));
        for (; k < upper; k += L) {
            int i = k - base;
            DoubleVector gzK = at(gzeta, k);
            at(gv, k).add(at(gzeta, k - 1).sub(gzK).mul(dy).mul(ica)).intoArray(gv, k);
            at(gu, k).add(gzK.mul(ica).sub(at(gzetaS, sb + i).mul(icaS)).mul(dxj)).intoArray(gu, k);
        }
        return k;
    }

    /**
     * Adjoint pass E, second part: through the continuity equation, the mass fluxes and the corner
     * depth.
     */
    static int continuityAdjoint(double[] h, double[] u, double[] v, double[] gdh, double[] ghq, double[] ghqS,
                                 double[] gdhN, double[] hNorth, int nb, int sb, double dy, double ia, double iaN,
                                 double dxv, double[] gU, double[] gW, double[] gu, double[] gv, double[] guOut,
                                 double[] gvOut, boolean addU, boolean addV, double[] ghu, double[] ghv, int base,
                                 int from, int to) {
        // adding or writing by a blend of the two: vectors that merge at a branch may be allocated
        VectorMask<Double> writeU = S.maskAll(!addU);
        VectorMask<Double> writeV = S.maskAll(!addV);
        int k = from;
        int upper = from + S.loopBound(Math.max(0, to - from));
        for (; k < upper; k += L) {
            int i = k - base;
            DoubleVector hk = at(h, k);
            DoubleVector ghuK = at(ghq, k).add(at(ghqS, sb + i)).mul(0.5);
            DoubleVector gdhK = at(gdh, k);
            DoubleVector gUK = at(gU, k).sub(gdhK.sub(at(gdh, k + 1)).mul(dy).mul(ia));
            DoubleVector gWK = at(gW, k).sub(gdhK.mul(ia).sub(at(gdhN, nb + i).mul(iaN)));
            DoubleVector gV = gWK.mul(dxv);
            DoubleVector guK = at(gu, k).add(gUK.mul(hk.add(at(h, k + 1)).mul(0.5)));
            at(guOut, k).add(guK).blend(guK, writeU).intoArray(guOut, k);
            ghuK.add(gUK.mul(at(u, k))).intoArray(ghu, k);
            DoubleVector gvK = at(gv, k).add(gV.mul(hk.add(at(hNorth, nb + i)).mul(0.5)));
            at(gvOut, k).add(gvK).blend(gvK, writeV).intoArray(gvOut, k);
            gV.mul(at(v, k)).intoArray(ghv, k);
        }
        return k;
    }

    /** Adjoint pass G: through the face depths into the depth's cotangent (reads k - 1 only). */
    static int faceDepthAdjoint(double[] ghu, double[] ghv, double[] ghvS, int sb, double[] gh, double[] ghOut,
                                boolean addH, int base, int from, int to) {
        VectorMask<Double> writeH = S.maskAll(!addH);
        int k = from;
        int upper = from + S.loopBound(Math.max(0, to - from));
        for (; k < upper; k += L) {
            int i = k - base;
            DoubleVector fromU = at(ghu, k).add(at(ghu, k - 1)).mul(0.5);
            DoubleVector fromV = at(ghv, k).add(at(ghvS, sb + i)).mul(0.5);
            DoubleVector ghK = at(gh, k).add(fromU.add(fromV));
            at(ghOut, k).add(ghK).blend(ghK, writeH).intoArray(ghOut, k);
        }
        return k;
    }
}
