package org.ferrel.dycore.shallowwater;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.ferrel.autodiff.FusedKernel;

/**
 * Planted errors in the hand-written adjoints, without a hook in the production code: a mutant is
 * the source of {@link TendencyKernel}, {@link TendencySimd}, {@link DiffusionKernel} or
 * {@link DiffusionSimd} with one term of one adjoint statement multiplied by {@code 1 + 1e-6},
 * compiled in memory and loaded, with the rest of {@code org.ferrel.dycore} (main and test classes),
 * by a class loader of its own. The gradient tests then run in that loader, against the mutant, as
 * they are (their test methods are called by reflection), and each reports whether it failed.
 *
 * <p>A term is written in the mutant table with its statement as it stands in the source and the
 * term in double brackets: {@code "gh[k] = [[g * gB[k]]];"} becomes
 * {@code "gh[k] = (g * gB[k]) * 1.000001;"} in a scalar kernel, {@code "[[gBK.mul(g)]].intoArray(gh, k)"}
 * becomes {@code "gBK.mul(g).mul(1.000001).intoArray(gh, k)"} in a vector form. The statement must
 * occur exactly once in its file. A mutant of a scalar kernel also builds that kernel without the
 * vector forms (its public constructor passes {@code false} instead of {@code Simd.enabled()}), so
 * that the scalar loops run on every cell; a mutant of a vector form keeps the default, under which
 * the vector loops take the interior cells of every row.
 */
final class AdjointMutants {
    /**
     * The factor a planted term is multiplied by: 1 + 1e-6, or the value of the system property
     * {@code ferrel.mutation.factor}.
     */
    static final String FACTOR = Double.toString(Double.parseDouble(System.getProperty("ferrel.mutation.factor",
            "1.000001")));

    private AdjointMutants() {
    }

    /** A planted error: a term of {@code statement} (marked by double brackets) in {@code file}. */
    record Mutant(String id, String file, String statement, boolean vectorTerm) {
        /** Whether the mutant is in a vector form (then its kernels run with their vector forms). */
        boolean vectorForm() {
            return file.endsWith("Simd");
        }

        boolean tendency() {
            return file.startsWith("Tendency");
        }

        /** Where the marked term starts and ends: {@code [[} at [0], {@code ]]} at [1] (brackets balanced inside). */
        private int[] marks() {
            int from = statement.indexOf("[[");
            if (from < 0 || statement.indexOf("[[", from + 2) >= 0) {
                throw new IllegalArgumentException(id + ": mark exactly one term with [[...]]: " + statement);
            }
            int depth = 0;
            for (int i = from + 2; i < statement.length(); i++) {
                char c = statement.charAt(i);
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    if (depth == 0) {
                        if (i + 1 >= statement.length() || statement.charAt(i + 1) != ']') {
                            break;
                        }
                        return new int[] {from, i};
                    }
                    depth--;
                }
            }
            throw new IllegalArgumentException(id + ": unbalanced mark: " + statement);
        }

        /** The statement as it stands in the source. */
        String original() {
            int[] k = marks();
            return statement.substring(0, k[0]) + term() + statement.substring(k[1] + 2);
        }

        /** The statement with its marked term multiplied by {@link #FACTOR}. */
        String mutated() {
            int[] k = marks();
            String t = term();
            String planted = vectorTerm ? t + ".mul(" + FACTOR + ")" : "(" + t + ") * " + FACTOR;
            return statement.substring(0, k[0]) + planted + statement.substring(k[1] + 2);
        }

        /** The term, for tables. */
        String term() {
            int[] k = marks();
            return statement.substring(k[0] + 2, k[1]);
        }
    }

    private static Mutant m(String id, String file, String statement) {
        return new Mutant(id, file, statement, file.endsWith("Simd"));
    }

    /** A scalar term in a vector form's file. */
    private static Mutant scalarTerm(String id, String file, String statement) {
        return new Mutant(id, file, statement, false);
    }

    /** Every term of the adjoints of the two fused kernels, scalar and vector forms. */
    static List<Mutant> all() {
        List<Mutant> r = new ArrayList<>();
        String tk = "TendencyKernel";
        // pass A: the cotangents of the Bernoulli function and of the potential-vorticity fluxes
        r.add(m("T-A1", tk, "gB[k] = ([[gduK]] - cot[n + we]) * idx + gdvK * mOverDy - gdvS[sb + i] * mS * mOverDyS;"));
        r.add(m("T-A2", tk, "gB[k] = (gduK - [[cot[n + we]]]) * idx + gdvK * mOverDy - gdvS[sb + i] * mS * mOverDyS;"));
        r.add(m("T-A3", tk, "gB[k] = (gduK - cot[n + we]) * idx + [[gdvK * mOverDy]] - gdvS[sb + i] * mS * mOverDyS;"));
        r.add(m("T-A4", tk, "gB[k] = (gduK - cot[n + we]) * idx + gdvK * mOverDy - [[gdvS[sb + i] * mS * mOverDyS]];"));
        r.add(m("T-A5", tk, "gqv[k] = 0.5 * ([[gduK * idx]] + gduN[nb + i] * idxN);"));
        r.add(m("T-A6", tk, "gqv[k] = 0.5 * (gduK * idx + [[gduN[nb + i] * idxN]]);"));
        r.add(m("T-A7", tk, "gqu[k] = -0.5 * ([[gdvK]] + cot[2 * n + e] * m);"));
        r.add(m("T-A8", tk, "gqu[k] = -0.5 * (gdvK + [[cot[2 * n + e] * m]]);"));
        // the cotangent of g: row sums, then their total (written, or added to the tape's)
        r.add(m("T-G1", tk, "double sum = [[(s0 + s1)]] + (s2 + s3);"));
        r.add(m("T-G2", tk, "adj[3][0] = accumulate[3] ? adj[3][0] + [[gg]] : gg;"));
        r.add(m("T-G3", tk, "adj[3][0] = accumulate[3] ? adj[3][0] + gg : [[gg]];"));
        // pass C: through the Bernoulli function and the potential-vorticity fluxes
        r.add(m("T-C1", tk, "gu[k] = twiceKu * u[k] * ([[gB[k]]] + gB[e]);"));
        r.add(m("T-C2", tk, "gu[k] = twiceKu * u[k] * (gB[k] + [[gB[e]]]);"));
        r.add(m("T-C3", tk, "gv[k] = v[k] * ([[twiceKvHere * gB[k]]] + twiceKvAbove * gBN[nb + i]);"));
        r.add(m("T-C4", tk, "gv[k] = v[k] * (twiceKvHere * gB[k] + [[twiceKvAbove * gBN[nb + i]]]);"));
        r.add(m("T-C5", tk, "gh[k] = [[g * gB[k]]];"));
        r.add(m("T-C6", tk, "double gq = gqu[k] * 0.5 * ([[bigUK]] + bigUN) + gqv[k] * 0.5 * (wK + wE);"));
        r.add(m("T-C7", tk, "double gq = gqu[k] * 0.5 * (bigUK + [[bigUN]]) + gqv[k] * 0.5 * (wK + wE);"));
        r.add(m("T-C8", tk, "double gq = gqu[k] * 0.5 * (bigUK + bigUN) + gqv[k] * 0.5 * ([[wK]] + wE);"));
        r.add(m("T-C9", tk, "double gq = gqu[k] * 0.5 * (bigUK + bigUN) + gqv[k] * 0.5 * (wK + [[wE]]);"));
        r.add(m("T-C10", tk, "gU[k] = 0.5 * ([[gqu[k] * fw.q[k]]] + gquS[sb + i] * qS[sb + i]);"));
        r.add(m("T-C11", tk, "gU[k] = 0.5 * (gqu[k] * fw.q[k] + [[gquS[sb + i] * qS[sb + i]]]);"));
        r.add(m("T-C12", tk, "gW[k] = 0.5 * ([[gqv[k] * fw.q[k]]] + gqv[we] * fw.q[we]);"));
        r.add(m("T-C13", tk, "gW[k] = 0.5 * (gqv[k] * fw.q[k] + [[gqv[we] * fw.q[we]]]);"));
        r.add(m("T-C14", tk, "gzeta[k] = [[gq / hqK]];"));
        r.add(m("T-C15", tk, "ghq[k] = [[-gzeta[k] * fw.q[k]]];"));
        // pass E: through the corner depth, the vorticity, the continuity equation and the mass fluxes
        r.add(m("T-E1", tk, "double ghuK = 0.5 * ([[ghq[k]]] + ghqS[sb + i]);"));
        r.add(m("T-E2", tk, "double ghuK = 0.5 * (ghq[k] + [[ghqS[sb + i]]]);"));
        r.add(m("T-E3", tk, "gv[k] += dy * ([[gzeta[we]]] - gzeta[k]) * ica;"));
        r.add(m("T-E4", tk, "gv[k] += dy * (gzeta[we] - [[gzeta[k]]]) * ica;"));
        r.add(m("T-E5", tk, "gu[k] += dxj * ([[gzeta[k] * ica]] - gzetaS[sb + i] * icaS);"));
        r.add(m("T-E6", tk, "gu[k] += dxj * (gzeta[k] * ica - [[gzetaS[sb + i] * icaS]]);"));
        r.add(m("T-E7", tk, "double gUK = [[gU[k]]] - dy * (cot[k] - cot[e]) * ia;"));
        r.add(m("T-E8", tk, "double gUK = gU[k] - dy * ([[cot[k]]] - cot[e]) * ia;"));
        r.add(m("T-E9", tk, "double gUK = gU[k] - dy * (cot[k] - [[cot[e]]]) * ia;"));
        r.add(m("T-E10", tk, "double gWK = [[gW[k]]] - (cot[k] * ia - gdhN[nb + i] * iaN);"));
        r.add(m("T-E11", tk, "double gWK = gW[k] - ([[cot[k] * ia]] - gdhN[nb + i] * iaN);"));
        r.add(m("T-E12", tk, "double gWK = gW[k] - (cot[k] * ia - [[gdhN[nb + i] * iaN]]);"));
        r.add(m("T-E13", tk, "double guK = [[gu[k]]] + gUK * (0.5 * (h[k] + h[e]));"));
        r.add(m("T-E14", tk, "double guK = gu[k] + [[gUK * (0.5 * (h[k] + h[e]))]];"));
        r.add(m("T-E15", tk, "guOut[k] = addU ? guOut[k] + [[guK]] : guK;"));
        r.add(m("T-E16", tk, "guOut[k] = addU ? guOut[k] + guK : [[guK]];"));
        r.add(m("T-E17", tk, "ghu[k] = [[ghuK]] + gUK * u[k];"));
        r.add(m("T-E18", tk, "ghu[k] = ghuK + [[gUK * u[k]]];"));
        r.add(m("T-E19", tk, "double gvK = [[gv[k]]] + gV * (0.5 * (h[k] + hNorth[nb + i]));"));
        r.add(m("T-E20", tk, "double gvK = gv[k] + [[gV * (0.5 * (h[k] + hNorth[nb + i]))]];"));
        r.add(m("T-E21", tk, "gvOut[k] = addV ? gvOut[k] + [[gvK]] : gvK;"));
        r.add(m("T-E22", tk, "gvOut[k] = addV ? gvOut[k] + gvK : [[gvK]];"));
        r.add(m("T-E23", tk, "ghv[k] = [[gV * v[k]]];"));
        // pass G: through the face depths; then the topography's cotangent
        r.add(m("T-F1", tk, "double ghK = [[gh[k]]] + (0.5 * (ghu[k] + ghu[we]) + 0.5 * (ghv[k] + ghvS[sb + i]));"));
        r.add(m("T-F2", tk, "double ghK = gh[k] + (0.5 * ([[ghu[k]]] + ghu[we]) + 0.5 * (ghv[k] + ghvS[sb + i]));"));
        r.add(m("T-F3", tk, "double ghK = gh[k] + (0.5 * (ghu[k] + [[ghu[we]]]) + 0.5 * (ghv[k] + ghvS[sb + i]));"));
        r.add(m("T-F4", tk, "double ghK = gh[k] + (0.5 * (ghu[k] + ghu[we]) + 0.5 * ([[ghv[k]]] + ghvS[sb + i]));"));
        r.add(m("T-F5", tk, "double ghK = gh[k] + (0.5 * (ghu[k] + ghu[we]) + 0.5 * (ghv[k] + [[ghvS[sb + i]]]));"));
        r.add(m("T-F6", tk, "ghOut[k] = addH ? ghOut[k] + [[ghK]] : ghK;"));
        r.add(m("T-F7", tk, "ghOut[k] = addH ? ghOut[k] + ghK : [[ghK]];"));
        r.add(m("T-B1", tk, "gb[k] += [[g * gB[k]]];"));
        r.add(m("T-B2", tk, "gb[k] = [[g * gB[k]]];"));

        String ts = "TendencySimd";
        r.add(scalarTerm("TS-G1", ts, "double sum = [[(acc.lane(0) + acc.lane(1))]] + (acc.lane(2) + acc.lane(3));"));
        r.add(m("TS-A1", ts, "[[gduK]].sub(at(cot, n + k - 1)).mul(idx)"));
        r.add(m("TS-A2", ts, "gduK.sub([[at(cot, n + k - 1)]]).mul(idx)"));
        r.add(m("TS-A3", ts, ".add([[gdvK.mul(mOverDy)]])"));
        r.add(m("TS-A4", ts, ".sub([[at(gdvS, sbv + i).mul(mS).mul(mOverDyS)]])"));
        r.add(m("TS-A5", ts, "[[gduK.mul(idx)]].add(at(gduN, nbu + i).mul(idxN))"));
        r.add(m("TS-A6", ts, "gduK.mul(idx).add([[at(gduN, nbu + i).mul(idxN)]])"));
        r.add(m("TS-A7", ts, "[[gdvK]].add(at(cot, 2 * n + k + 1).mul(m))"));
        r.add(m("TS-A8", ts, "gdvK.add([[at(cot, 2 * n + k + 1).mul(m)]])"));
        r.add(m("TS-C1", ts, "at(u, k).mul(twiceKu).mul([[gBK]].add(at(gB, k + 1)))"));
        r.add(m("TS-C2", ts, "at(u, k).mul(twiceKu).mul(gBK.add([[at(gB, k + 1)]]))"));
        r.add(m("TS-C3", ts, "at(v, k).mul([[gBK.mul(twiceKvHere)]].add(at(gBN, nb + i).mul(twiceKvAbove)))"));
        r.add(m("TS-C4", ts, "at(v, k).mul(gBK.mul(twiceKvHere).add([[at(gBN, nb + i).mul(twiceKvAbove)]]))"));
        r.add(m("TS-C5", ts, "[[gBK.mul(g)]].intoArray(gh, k)"));
        r.add(m("TS-C6", ts, "mul([[bigUK]].add(bigUN))"));
        r.add(m("TS-C7", ts, "mul(bigUK.add([[bigUN]]))"));
        r.add(m("TS-C8", ts, "mul([[wK]].add(wE))"));
        r.add(m("TS-C9", ts, "mul(wK.add([[wE]]))"));
        r.add(m("TS-C10", ts, "[[at(gqu, k).mul(qk)]].add(at(gquS, sb + i).mul(at(qS, sb + i)))"));
        r.add(m("TS-C11", ts, "at(gqu, k).mul(qk).add([[at(gquS, sb + i).mul(at(qS, sb + i))]])"));
        r.add(m("TS-C12", ts, "[[at(gqv, k).mul(qk)]].add(at(gqv, k - 1).mul(at(q, k - 1)))"));
        r.add(m("TS-C13", ts, "at(gqv, k).mul(qk).add([[at(gqv, k - 1).mul(at(q, k - 1))]])"));
        r.add(m("TS-C14", ts, "[[gz]].intoArray(gzeta, k)"));
        r.add(m("TS-C15", ts, "[[gz.neg().mul(at(q, k))]].intoArray(ghq, k)"));
        r.add(m("TS-E1", ts, "DoubleVector ghuK = [[at(ghq, k)]].add(at(ghqS, sb + i))"));
        r.add(m("TS-E2", ts, "DoubleVector ghuK = at(ghq, k).add([[at(ghqS, sb + i)]])"));
        r.add(m("TS-E3", ts, "at(gv, k).add([[at(gzeta, k - 1)]].sub(gzK)"));
        r.add(m("TS-E4", ts, "at(gzeta, k - 1).sub([[gzK]]).mul(dy).mul(ica)"));
        r.add(m("TS-E5", ts, "at(gu, k).add([[gzK.mul(ica)]].sub"));
        r.add(m("TS-E6", ts, ".sub([[at(gzetaS, sb + i).mul(icaS)]]).mul(dxj)"));
        r.add(m("TS-E7", ts, "DoubleVector gUK = [[at(gU, k)]].sub("));
        r.add(m("TS-E8", ts, "gUK = at(gU, k).sub([[gdhK]].sub(at(gdh, k + 1))"));
        r.add(m("TS-E9", ts, "gUK = at(gU, k).sub(gdhK.sub([[at(gdh, k + 1)]])"));
        r.add(m("TS-E10", ts, "DoubleVector gWK = [[at(gW, k)]].sub("));
        r.add(m("TS-E11", ts, "gWK = at(gW, k).sub([[gdhK.mul(ia)]].sub"));
        r.add(m("TS-E12", ts, ".sub([[at(gdhN, nb + i).mul(iaN)]])"));
        r.add(m("TS-E13", ts, "DoubleVector guK = [[at(gu, k)]].add("));
        r.add(m("TS-E14", ts, "DoubleVector guK = at(gu, k).add([[gUK.mul(hk.add(at(h, k + 1)).mul(0.5))]]);"));
        r.add(m("TS-E15", ts, "at(guOut, k).add([[guK]]).blend(guK, writeU)"));
        r.add(m("TS-E16", ts, "at(guOut, k).add(guK).blend([[guK]], writeU)"));
        r.add(m("TS-E17", ts, "[[ghuK]].add(gUK.mul(at(u, k))).intoArray(ghu, k)"));
        r.add(m("TS-E18", ts, "ghuK.add([[gUK.mul(at(u, k))]]).intoArray(ghu, k)"));
        r.add(m("TS-E19", ts, "DoubleVector gvK = [[at(gv, k)]].add("));
        r.add(m("TS-E20", ts, "DoubleVector gvK = at(gv, k).add([[gV.mul(hk.add(at(hNorth, nb + i)).mul(0.5))]]);"));
        r.add(m("TS-E21", ts, "at(gvOut, k).add([[gvK]]).blend(gvK, writeV)"));
        r.add(m("TS-E22", ts, "at(gvOut, k).add(gvK).blend([[gvK]], writeV)"));
        r.add(m("TS-E23", ts, "[[gV.mul(at(v, k))]].intoArray(ghv, k)"));
        r.add(m("TS-F1", ts, "DoubleVector fromU = [[at(ghu, k)]].add(at(ghu, k - 1))"));
        r.add(m("TS-F2", ts, "DoubleVector fromU = at(ghu, k).add([[at(ghu, k - 1)]])"));
        r.add(m("TS-F3", ts, "DoubleVector fromV = [[at(ghv, k)]].add(at(ghvS, sb + i))"));
        r.add(m("TS-F4", ts, "DoubleVector fromV = at(ghv, k).add([[at(ghvS, sb + i)]])"));
        r.add(m("TS-F5", ts, "DoubleVector ghK = [[at(gh, k)]].add(fromU.add(fromV));"));
        r.add(m("TS-F6", ts, "at(ghOut, k).add([[ghK]]).blend(ghK, writeH)"));
        r.add(m("TS-F7", ts, "at(ghOut, k).add(ghK).blend([[ghK]], writeH)"));

        String dk = "DiffusionKernel";
        r.add(m("D-N1", dk, "adj[f][0] = [[sign * dot(backend, cot, plain, s.rowSums)]];"));
        r.add(m("D-S1", dk, "transposedLaplacian(cot, 0, gh, [[c]], from, to);"));
        r.add(m("D-S2", dk, "transposedLaplacian(s.h1, 0, gh, [[c]], from, to);"));
        r.add(m("D-S3", dk, "transposedDivergenceAndCurl(s.delta, s.zeta, gu, gv, [[c]], from,"));
        r.add(m("D-V1", dk, "gDelta[k] = (([[a[aOff + w]]] - ak) * ca + (bS * cbS - bk * cb)) * ia;"));
        r.add(m("D-V2", dk, "gDelta[k] = ((a[aOff + w] - [[ak]]) * ca + (bS * cbS - bk * cb)) * ia;"));
        r.add(m("D-V3", dk, "gDelta[k] = ((a[aOff + w] - ak) * ca + ([[bS * cbS]] - bk * cb)) * ia;"));
        r.add(m("D-V4", dk, "gDelta[k] = ((a[aOff + w] - ak) * ca + (bS * cbS - [[bk * cb]])) * ia;"));
        r.add(m("D-V5", dk, "gZeta[k] = (([[bk]] - b[bOff + e]) * db - (ak - aN) * inverseDy) * ica;"));
        r.add(m("D-V6", dk, "gZeta[k] = ((bk - [[b[bOff + e]]]) * db - (ak - aN) * inverseDy) * ica;"));
        r.add(m("D-V7", dk, "gZeta[k] = ((bk - b[bOff + e]) * db - ([[ak]] - aN) * inverseDy) * ica;"));
        r.add(m("D-V8", dk, "gZeta[k] = ((bk - b[bOff + e]) * db - (ak - [[aN]]) * inverseDy) * ica;"));
        r.add(m("D-D1", dk, "gu[k] = (([[dk]] - d[e]) * cu + (zk - zS) * dxc) * scale;"));
        r.add(m("D-D2", dk, "gu[k] = ((dk - [[d[e]]]) * cu + (zk - zS) * dxc) * scale;"));
        r.add(m("D-D3", dk, "gu[k] = ((dk - d[e]) * cu + ([[zk]] - zS) * dxc) * scale;"));
        r.add(m("D-D4", dk, "gu[k] = ((dk - d[e]) * cu + (zk - [[zS]]) * dxc) * scale;"));
        r.add(m("D-D5", dk, "gv[k] = (([[dk]] - dN) * dxv + (z[w] - zk) * cv) * scale;"));
        r.add(m("D-D6", dk, "gv[k] = ((dk - [[dN]]) * dxv + (z[w] - zk) * cv) * scale;"));
        r.add(m("D-D7", dk, "gv[k] = ((dk - dN) * dxv + ([[z[w]]] - zk) * cv) * scale;"));
        r.add(m("D-D8", dk, "gv[k] = ((dk - dN) * dxv + (z[w] - [[zk]]) * cv) * scale;"));
        r.add(m("D-L1", dk, "out[k] = (cx * (([[xw]] - xk) - (xk - xe)) + (cyS * (tS - tk) - cy * (tk - tN))) * scale;"));
        r.add(m("D-L2", dk, "out[k] = (cx * ((xw - [[xk]]) - (xk - xe)) + (cyS * (tS - tk) - cy * (tk - tN))) * scale;"));
        r.add(m("D-L3", dk, "out[k] = (cx * ((xw - xk) - ([[xk]] - xe)) + (cyS * (tS - tk) - cy * (tk - tN))) * scale;"));
        r.add(m("D-L4", dk, "out[k] = (cx * ((xw - xk) - (xk - [[xe]])) + (cyS * (tS - tk) - cy * (tk - tN))) * scale;"));
        r.add(m("D-L5", dk, "out[k] = (cx * ((xw - xk) - (xk - xe)) + (cyS * ([[tS]] - tk) - cy * (tk - tN))) * scale;"));
        r.add(m("D-L6", dk, "out[k] = (cx * ((xw - xk) - (xk - xe)) + (cyS * (tS - [[tk]]) - cy * (tk - tN))) * scale;"));
        r.add(m("D-L7", dk, "out[k] = (cx * ((xw - xk) - (xk - xe)) + (cyS * (tS - tk) - cy * ([[tk]] - tN))) * scale;"));
        r.add(m("D-L8", dk, "out[k] = (cx * ((xw - xk) - (xk - xe)) + (cyS * (tS - tk) - cy * (tk - [[tN]]))) * scale;"));

        String ds = "DiffusionSimd";
        r.add(m("DS-V1", ds, "[[at(a, aOff + k - 1)]].sub(ak).mul(ca)"));
        r.add(m("DS-V2", ds, "at(a, aOff + k - 1).sub([[ak]]).mul(ca)"));
        r.add(m("DS-V3", ds, ".add([[bS.mul(cbS)]].sub(bk.mul(cb)))"));
        r.add(m("DS-V4", ds, ".add(bS.mul(cbS).sub([[bk.mul(cb)]]))"));
        r.add(m("DS-V5", ds, "[[bk]].sub(at(b, bOff + k + 1)).mul(db)"));
        r.add(m("DS-V6", ds, "bk.sub([[at(b, bOff + k + 1)]]).mul(db)"));
        r.add(m("DS-V7", ds, ".sub([[ak]].sub(aN).mul(inverseDy))"));
        r.add(m("DS-V8", ds, ".sub(ak.sub([[aN]]).mul(inverseDy))"));
        r.add(m("DS-D1", ds, "[[dk]].sub(at(d, k + 1)).mul(cu)"));
        r.add(m("DS-D2", ds, "dk.sub([[at(d, k + 1)]]).mul(cu)"));
        r.add(m("DS-D3", ds, ".add([[zk]].sub(zS).mul(dxc))"));
        r.add(m("DS-D4", ds, ".add(zk.sub([[zS]]).mul(dxc))"));
        r.add(m("DS-D5", ds, "[[dk]].sub(dN).mul(dxv)"));
        r.add(m("DS-D6", ds, "dk.sub([[dN]]).mul(dxv)"));
        r.add(m("DS-D7", ds, ".add([[at(z, k - 1)]].sub(zk).mul(cv))"));
        r.add(m("DS-D8", ds, ".add(at(z, k - 1).sub([[zk]]).mul(cv))"));
        r.add(m("DS-L1", ds, "DoubleVector zonal = [[xw]].sub(xk).sub(xk.sub(xe)).mul(cx);"));
        r.add(m("DS-L2", ds, "zonal = xw.sub([[xk]]).sub(xk.sub(xe))"));
        r.add(m("DS-L3", ds, "zonal = xw.sub(xk).sub([[xk]].sub(xe))"));
        r.add(m("DS-L4", ds, "zonal = xw.sub(xk).sub(xk.sub([[xe]]))"));
        r.add(m("DS-L5", ds, "meridional = [[tS]].sub(tk).mul(cyS)"));
        r.add(m("DS-L6", ds, "meridional = tS.sub([[tk]]).mul(cyS)"));
        r.add(m("DS-L7", ds, ".sub([[tk]].sub(tN).mul(cy))"));
        r.add(m("DS-L8", ds, ".sub(tk.sub([[tN]]).mul(cy))"));
        return r;
    }

    static Mutant byId(String id) {
        return all().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no mutant " + id));
    }

    // ---- sources, compilation, loading ----

    private static final String PACKAGE = "org.ferrel.dycore.shallowwater";

    /** dycore's main classes folder (or jar) and autodiff's, the class path of a mutant's compilation. */
    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The source of one of this package's classes: {@code src/main/java} next to {@code target/classes}. */
    static String source(String simpleName) {
        Path classes = location(TendencyKernel.class);
        Path file = classes.getParent().getParent().resolve("src/main/java/" + PACKAGE.replace('.', '/') + "/"
                + simpleName + ".java");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("mutation tests need the sources of dycore next to its classes: " + file, e);
        }
    }

    /** The file of {@code mutant} with the planted error (null: the file unchanged, a control). */
    static String mutatedSource(Mutant mutant, String file) {
        String src = source(file);
        if (mutant != null) {
            String original = mutant.original();
            int at = src.indexOf(original);
            if (at < 0 || src.indexOf(original, at + 1) >= 0) {
                throw new IllegalStateException(mutant.id() + ": the statement must occur exactly once in " + file
                        + ".java, found " + (at < 0 ? "none" : "more") + ": " + original);
            }
            src = src.substring(0, at) + mutant.mutated() + src.substring(at + original.length());
        }
        return src;
    }

    /**
     * The classes compiled from the file of {@code mutant}, with the planted error; a scalar kernel's
     * file is also made to build its kernels without the vector forms. {@code file} names the file
     * of a control (mutant null).
     */
    static Map<String, byte[]> compile(Mutant mutant, String file, boolean scalar) {
        String src = mutatedSource(mutant, file);
        if (scalar) {
            String[] defaults = {"this(operators, Simd.enabled());",
                "this(operators, order, depth, weightAtCenterRows, weightAtVRows, Simd.enabled());"};
            boolean replaced = false;
            for (String d : defaults) {
                if (src.contains(d)) {
                    src = src.replace(d, d.replace("Simd.enabled()", "false"));
                    replaced = true;
                }
            }
            if (!replaced) {
                throw new IllegalStateException(file + ": no public constructor passing Simd.enabled() found");
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("mutation tests need a JDK with javac (jdk.compiler)");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        JavaFileManager memory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        out.put(className, b);
                        return b;
                    }
                };
            }
        };
        String finalSrc = src;
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + PACKAGE.replace('.', '/') + "/" + file
                + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return finalSrc;
            }
        };
        String classPath = location(TendencyKernel.class) + java.io.File.pathSeparator + location(FusedKernel.class);
        List<String> options = List.of("-classpath", classPath, "--add-modules", "jdk.incubator.vector", "-proc:none",
                "-nowarn", "-Xlint:none", "-g");
        boolean ok = javac.getTask(null, memory, diagnostics, options, null, List.of(unit)).call();
        if (!ok) {
            StringBuilder s = new StringBuilder((mutant == null ? file : mutant.id()) + " does not compile:");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    s.append('\n').append(d.getLineNumber()).append(": ").append(d.getMessage(null));
                }
            }
            throw new IllegalStateException(s.toString());
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /**
     * Loads every class of {@code org.ferrel.dycore} itself (from the replacements where given, from
     * the class path otherwise) and everything else from its parent, so that the dycore classes and
     * tests loaded through it use the replaced classes.
     */
    static final class MutantLoader extends ClassLoader {
        private final Map<String, byte[]> replaced;

        MutantLoader(ClassLoader parent, Map<String, byte[]> replaced) {
            super("mutant", parent);
            this.replaced = replaced;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && name.startsWith("org.ferrel.dycore.")) {
                    byte[] b = replaced.get(name);
                    if (b == null) {
                        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                            b = in == null ? null : in.readAllBytes();
                        } catch (IOException e) {
                            throw new ClassNotFoundException(name, e);
                        }
                    }
                    if (b != null) {
                        c = defineClass(name, b, 0, b.length);
                    }
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    /** A gradient test: a test method of one of the module's test classes. */
    record Check(String name, String className, String method) {
    }

    /** The outcome of one check on one mutant: null where it passed, else the first line of its failure. */
    record Outcome(Check check, String failure) {
        boolean killed() {
            return failure != null;
        }
    }

    /**
     * Runs the checks in a fresh loader holding the given replacement classes. Their output is
     * discarded; an exception other than an {@link AssertionError} is not a kill but an error of the
     * harness, and is thrown.
     */
    static List<Outcome> run(Map<String, byte[]> replaced, List<Check> checks) {
        MutantLoader loader = new MutantLoader(AdjointMutants.class.getClassLoader(), replaced);
        List<Outcome> outcomes = new ArrayList<>();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (Check c : checks) {
                outcomes.add(new Outcome(c, runOne(loader, c)));
            }
        } finally {
            System.setOut(stdout);
        }
        return outcomes;
    }

    private static String runOne(ClassLoader loader, Check c) {
        try {
            Class<?> type = Class.forName(c.className(), true, loader);
            if (type.getClassLoader() != loader) {
                throw new IllegalStateException(c.className() + " was not loaded by the mutant's loader");
            }
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object test = constructor.newInstance();
            Method m = type.getDeclaredMethod(c.method());
            m.setAccessible(true);
            m.invoke(test);
            return null;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AssertionError) {
                String message = String.valueOf(cause.getMessage()).strip();
                int newline = message.indexOf('\n');
                return newline < 0 ? message : message.substring(0, newline);
            }
            throw new IllegalStateException(c.name() + " did not run: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(c.name() + " could not be called", e);
        }
    }
}
