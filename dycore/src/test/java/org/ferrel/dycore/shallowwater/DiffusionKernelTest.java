package org.ferrel.dycore.shallowwater;

import static org.ferrel.autodiff.check.GradientCheck.assertDotProduct;
import static org.ferrel.autodiff.check.GradientCheck.assertTaylorRate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ferrel.autodiff.Derivatives;
import org.ferrel.autodiff.Eager;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.check.GradientCheck;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.exec.RangeKernel;
import org.ferrel.dycore.cases.Williamson;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.PlaneGrid;
import org.ferrel.dycore.model.Diffusion;
import org.ferrel.dycore.model.Hyperdiffusion;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.model.TendencyTerm;
import org.ferrel.dycore.operators.CGridOperators;
import org.junit.jupiter.api.Test;

/**
 * The fused diffusion kernel: values bit for bit those of the composite form on every grid case,
 * tangent and adjoint against the composite, the dot-product and Taylor tests, the same bits for any
 * split of the rows, and conservation of mass.
 */
class DiffusionKernelTest {
    private final Eager o = Eager.serial();
    private static final LatLonGrid SPHERE = new LatLonGrid(16, 8, LatLonGrid.EARTH_RADIUS, LatLonGrid.EARTH_ROTATION);
    /** nx not a power of two, so that 1/nx is inexact, and ny odd. */
    private static final LatLonGrid UNEVEN_SPHERE = new LatLonGrid(20, 9, LatLonGrid.EARTH_RADIUS,
            LatLonGrid.EARTH_ROTATION);
    private static final PlaneGrid PLANE = new PlaneGrid(8, 6, 1e6, 8e5, 1e-4);

    /** A grid case: the kernel's weights (null: none) on a grid. */
    private record Case(String name, Grid grid, double[] centre, double[] vRows) {
    }

    /** The default polar scaling from 45 degrees, the unweighted sphere, the plane, and arbitrary weights. */
    private static List<Case> cases() {
        List<Case> r = new ArrayList<>();
        r.add(new Case("sphere, polar weights", SPHERE, polarWeights(SPHERE, false), polarWeights(SPHERE, true)));
        r.add(new Case("sphere, unweighted", SPHERE, null, null));
        r.add(new Case("sphere 20 x 9, unweighted", UNEVEN_SPHERE, null, null));
        r.add(new Case("sphere 20 x 9, polar weights", UNEVEN_SPHERE, polarWeights(UNEVEN_SPHERE, false),
                polarWeights(UNEVEN_SPHERE, true)));
        r.add(new Case("plane", PLANE, null, null));
        double[] c = new double[SPHERE.ny()];
        double[] v = new double[SPHERE.ny()];
        for (int j = 0; j < c.length; j++) {
            c[j] = 0.3 + 0.1 * j;
            v[j] = 1.1 - 0.07 * j;
        }
        r.add(new Case("sphere, arbitrary weights", SPHERE, c, v));
        return r;
    }

    /** {@code min(1, cos(phi) / cos(45 deg))} as {@code PolarScaling} has it. */
    private static double[] polarWeights(LatLonGrid g, boolean vRows) {
        double[] w = new double[g.ny()];
        for (int j = 0; j < g.ny(); j++) {
            double phi = vRows ? (j == g.ny() - 1 ? Math.PI / 2 : g.faceLatitude(j)) : g.latitude(j);
            w[j] = Math.min(1.0, Math.cos(phi) / Math.cos(Math.toRadians(45)));
        }
        return w;
    }

    private static double coefficient(int order) {
        return order == 1 ? 1e5 : 1e15;
    }

    /** Random fields (h around 5000 m, winds of 20 m/s, v zero on the pole row) and nu. */
    private Tensor[] inputs(Grid g, boolean depth, int order, long seed) {
        Tensor[] r = GradientCheck.random(o, new Shape[] {g.shape(), g.shape(), g.shape()}, seed);
        Tensor mask = o.constant(Shape.of(g.ny(), 1), g.vMask());
        Tensor h = o.add(o.mul(r[0], 100.0), 5000.0);
        Tensor u = o.mul(r[1], 20.0);
        Tensor v = o.mul(o.mul(r[2], 20.0), mask);
        Tensor nu = o.scalar(0.7 * coefficient(order));
        return depth ? new Tensor[] {h, u, v, nu} : new Tensor[] {u, v, nu};
    }

    private static State state(Tensor[] in, boolean depth) {
        return depth ? new State(in[0], in[1], in[2]) : new State(null, in[0], in[1]);
    }

    private static void assertBitwise(Tensor expected, Tensor actual, String what) {
        double[] x = expected.values();
        double[] y = actual.values();
        assertEquals(x.length, y.length, what);
        for (int i = 0; i < x.length; i++) {
            if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                throw new AssertionError(what + " differs at " + i + ": " + x[i] + " vs " + y[i]);
            }
        }
    }

    /** Each tensor within {@code tolerance} of its counterpart, relative to the larger's maximum. */
    private static void assertClose(Tensor[] expected, Tensor[] actual, double tolerance, String what) {
        for (int i = 0; i < expected.length; i++) {
            GradientCheck.Agreement a = GradientCheck.compare(what + " " + i, new Tensor[] {actual[i]},
                    new Tensor[] {expected[i]});
            GradientCheck.assertAgreement(a, tolerance);
        }
    }

    @Test
    void valuesEqualTheCompositeBitForBit() {
        for (Case c : cases()) {
            CGridOperators ops = new CGridOperators(c.grid());
            Tensor wc = c.centre() == null ? null : c.grid().rows(o, c.centre());
            Tensor wv = c.vRows() == null ? null : c.grid().rows(o, c.vRows());
            for (int order = 1; order <= 2; order++) {
                for (int seed = 0; seed < 16; seed++) {
                    boolean depth = seed % 2 == 0;
                    DiffusionKernel kernel = new DiffusionKernel(ops, order, depth, c.centre(), c.vRows());
                    Tensor[] x = inputs(c.grid(), depth, order, seed);
                    State s = state(x, depth);
                    String what = c.name() + ", order " + order + (depth ? ", with depth" : "") + ", seed " + seed;
                    State fused = kernel.tendency(o, s, x[x.length - 1]);
                    State composite = DiffusionKernel.compositeTendency(o, ops, order, s, x[x.length - 1], wc, wv);
                    if (depth) {
                        assertBitwise(composite.h(), fused.h(), what + ": h");
                    }
                    assertBitwise(composite.u(), fused.u(), what + ": u");
                    assertBitwise(composite.v(), fused.v(), what + ": v");
                    assertBitwise(kernel.composite(o, x), o.bind(kernel, x), what + ": stacked");
                }
            }
        }
    }

    /** The terms (the model's path: kernel cached on the operators) against their composite form. */
    @Test
    void termsEqualTheirCompositeFormBitForBit() {
        State williamson = Williamson.case5().state(o, LatLonGrid.earth(5.625));
        for (Grid g : new Grid[] {SPHERE, UNEVEN_SPHERE, LatLonGrid.earth(5.625), PLANE}) {
            CGridOperators ops = new CGridOperators(g);
            State s = g.nx() == 64 ? williamson : State.of(inputs(g, true, 1, 4));
            List<TendencyTerm> terms = List.of(new Hyperdiffusion(1e15, true), new Hyperdiffusion(1e15, false),
                    new Hyperdiffusion(1e15, true, Double.NaN), new Hyperdiffusion(1e15, true, Math.toRadians(60)),
                    new Diffusion(1e5, true), new Diffusion(1e5, false, Double.NaN));
            for (TendencyTerm t : terms) {
                ParameterValues p = new ParameterValues(t.parameters(), t.defaults(o));
                State fused = t.tendency(o, ops, s, p);
                State composite = t instanceof Hyperdiffusion h ? h.compositeTendency(o, ops, s, p)
                        : ((Diffusion) t).compositeTendency(o, ops, s, p);
                String what = t + " on " + g.shape();
                assertEquals(composite.h() == null, fused.h() == null, what);
                if (fused.h() != null) {
                    assertBitwise(composite.h(), fused.h(), what + ": h");
                }
                assertBitwise(composite.u(), fused.u(), what + ": u");
                assertBitwise(composite.v(), fused.v(), what + ": v");
                assertBitwise(legacy(t, ops, s, p).u(), fused.u(), what + ": u against the code before the kernel");
            }
        }
    }

    /**
     * The diffusion terms' tendency as written before the kernel (copied from Hyperdiffusion and
     * Diffusion), against which the documented experiments ran.
     */
    private State legacy(TendencyTerm t, CGridOperators g, State s, ParameterValues p) {
        boolean hyper = t instanceof Hyperdiffusion;
        double phiC = hyper ? ((Hyperdiffusion) t).polarScalingLatitude() : ((Diffusion) t).polarScalingLatitude();
        boolean depth = hyper ? ((Hyperdiffusion) t).depth() : ((Diffusion) t).depth();
        Tensor nu = hyper ? o.neg(p.values()[0]) : p.values()[0];
        Tensor centre = null;
        Tensor vRows = null;
        if (g.grid() instanceof LatLonGrid ll && !Double.isNaN(phiC)) {
            double[] c = new double[ll.ny()];
            double[] v = new double[ll.ny()];
            for (int j = 0; j < ll.ny(); j++) {
                c[j] = Math.min(1.0, Math.cos(ll.latitude(j)) / Math.cos(phiC));
                double phi = j == ll.ny() - 1 ? Math.PI / 2 : ll.faceLatitude(j);
                v[j] = Math.min(1.0, Math.cos(phi) / Math.cos(phiC));
            }
            centre = ll.rows(o, c);
            vRows = ll.rows(o, v);
        }
        Tensor[] l = g.vectorLaplacian(o, s.u(), s.v(), centre, vRows);
        if (hyper) {
            l = g.vectorLaplacian(o, l[0], l[1], centre, vRows);
        }
        Tensor dh = null;
        if (depth) {
            dh = centre == null ? g.laplacianAtCenter(o, s.h()) : g.laplacianAtCenter(o, s.h(), centre);
            if (hyper) {
                dh = centre == null ? g.laplacianAtCenter(o, dh) : g.laplacianAtCenter(o, dh, centre);
            }
            dh = o.mul(dh, nu);
        }
        return new State(dh, o.mul(l[0], nu), o.mul(l[1], nu));
    }

    @Test
    void tangentAndAdjointAgreeWithTheComposite() {
        for (Case c : cases()) {
            CGridOperators ops = new CGridOperators(c.grid());
            for (int order = 1; order <= 2; order++) {
                for (boolean depth : new boolean[] {true, false}) {
                    DiffusionKernel kernel = new DiffusionKernel(ops, order, depth, c.centre(), c.vRows());
                    String what = c.name() + ", order " + order + (depth ? ", with depth" : "");
                    Tensor[] x = inputs(c.grid(), depth, order, 5);
                    Derivatives.Function fused = (q, in) -> new Tensor[] {q.bind(kernel, in)};
                    Derivatives.Function composite = (q, in) -> new Tensor[] {kernel.composite(q, in)};
                    Tensor[] v = GradientCheck.random(o, GradientCheck.shapes(x), 7);
                    v[v.length - 1] = o.scalar(0.3 * coefficient(order));
                    assertClose(Derivatives.jvp(o, composite, x, v).derivatives(),
                            Derivatives.jvp(o, fused, x, v).derivatives(), 1e-13, what + ": JVP");
                    Tensor[] w = GradientCheck.random(o, new Shape[] {kernel.outputShape(GradientCheck.shapes(x))}, 8);
                    Tensor[] taped = Derivatives.vjp(o, fused, x, w).derivatives();
                    assertClose(Derivatives.vjp(o, composite, x, w).derivatives(), taped, 1e-12, what + ": VJP");
                    // without the residual a tape keeps, A^m(x) is recomputed: the same bits
                    boolean[] all = new boolean[x.length];
                    java.util.Arrays.fill(all, true);
                    Tensor[] direct = kernel.vjp(o, x, o.bind(kernel, x), w[0], all);
                    for (int i = 0; i < x.length; i++) {
                        assertBitwise(taped[i], direct[i], what + ": VJP without residual, input " + i);
                    }
                    for (GradientCheck.Agreement a : GradientCheck.fusedAgainstComposite(o, kernel, x, 9)) {
                        GradientCheck.assertAgreement(a, 1e-12);
                    }
                }
            }
        }
    }

    /**
     * The dot-product and Taylor tests on the kernel with nu in units of its default and the output
     * normalised to order one, so that the bilinear coupling of nu and the fields is seen.
     */
    @Test
    void dotProductAndTaylorTests() {
        for (Case c : cases()) {
            CGridOperators ops = new CGridOperators(c.grid());
            for (int order = 1; order <= 2; order++) {
                for (boolean depth : new boolean[] {true, false}) {
                    DiffusionKernel kernel = new DiffusionKernel(ops, order, depth, c.centre(), c.vRows());
                    double nu0 = coefficient(order);
                    Tensor[] x = GradientCheck.random(o, depth
                            ? new Shape[] {c.grid().shape(), c.grid().shape(), c.grid().shape()}
                            : new Shape[] {c.grid().shape(), c.grid().shape()}, 11);
                    Tensor[] in = new Tensor[x.length + 1];
                    System.arraycopy(x, 0, in, 0, x.length);
                    in[x.length] = o.scalar(0.8);
                    Tensor[] raw = in.clone();
                    raw[x.length] = o.scalar(0.8 * nu0);
                    double scale = 1.0 / maxAbs(o.bind(kernel, raw).values());
                    Derivatives.Function f = (q, a) -> {
                        Tensor[] b = a.clone();
                        b[b.length - 1] = q.mul(a[a.length - 1], nu0);
                        return new Tensor[] {q.mul(q.bind(kernel, b), scale)};
                    };
                    String what = c.name() + ", order " + order + (depth ? ", with depth" : "");
                    GradientCheck.DotProduct d = GradientCheck.dotProduct(o, f, in, 13);
                    try {
                        assertDotProduct(d, 1e-13);
                        assertTaylorRate(GradientCheck.taylor(o, f, in, 17, 1e-2, 4), 0.1, 4);
                    } catch (AssertionError e) {
                        throw new AssertionError(what + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /**
     * Second derivatives (a tape over a dual) differentiate the composite form: the Hessian-vector
     * product of a loss of the kernel's output against central differences of its gradient.
     */
    @Test
    void hessianVectorProducts() {
        for (Case c : List.of(cases().get(0), cases().get(1))) {
            DiffusionKernel kernel = new DiffusionKernel(new CGridOperators(c.grid()), 2, true, c.centre(), c.vRows());
            Tensor[] x = GradientCheck.random(o, new Shape[] {c.grid().shape(), c.grid().shape(), c.grid().shape()},
                    59);
            Tensor[] in = {x[0], x[1], x[2], o.scalar(0.8)};
            Tensor[] raw = {x[0], x[1], x[2], o.scalar(0.8e15)};
            double scale = 1.0 / maxAbs(o.bind(kernel, raw).values());
            Derivatives.ScalarFunction loss = (q, a) -> {
                Tensor y = q.mul(q.bind(kernel, a[0], a[1], a[2], q.mul(a[3], 1e15)), scale);
                return q.mul(q.sum(q.mul(q.square(y), y)), 1.0 / 3);
            };
            Tensor[] v = GradientCheck.random(o, GradientCheck.shapes(in), 61);
            GradientCheck.assertAgreement(GradientCheck.hessianVector(o, loss, in, v, 1e-4), 1e-6);
        }
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** At nu = 0 the output vanishes but its derivative with respect to nu does not. */
    @Test
    void coefficientDerivativeAtZeroCoefficient() {
        Case c = cases().get(0);
        CGridOperators ops = new CGridOperators(c.grid());
        for (int order = 1; order <= 2; order++) {
            DiffusionKernel kernel = new DiffusionKernel(ops, order, true, c.centre(), c.vRows());
            Tensor[] x = inputs(c.grid(), true, order, 19);
            x[3] = o.scalar(0.0);
            Derivatives.Function fused = (q, in) -> new Tensor[] {q.bind(kernel, in)};
            Derivatives.Function composite = (q, in) -> new Tensor[] {kernel.composite(q, in)};
            Tensor[] w = GradientCheck.random(o, new Shape[] {kernel.outputShape(GradientCheck.shapes(x))}, 21);
            Tensor[] gf = Derivatives.vjp(o, fused, x, w).derivatives();
            Tensor[] gc = Derivatives.vjp(o, composite, x, w).derivatives();
            assertNotEquals(0.0, gf[3].item());
            assertClose(gc, gf, 1e-12, "order " + order + " at nu = 0: VJP");
            Tensor[] v = new Tensor[] {null, null, null, o.scalar(1.0)};
            v[0] = o.zeros(x[0].shape());
            v[1] = o.zeros(x[0].shape());
            v[2] = o.zeros(x[0].shape());
            assertClose(Derivatives.jvp(o, composite, x, v).derivatives(), Derivatives.jvp(o, fused, x,
                    v).derivatives(), 1e-13, "order " + order + " at nu = 0: JVP");
        }
    }

    /** Mass: the area integral of the depth tendency vanishes to rounding. */
    @Test
    void depthTendencyKeepsMass() {
        for (Case c : cases()) {
            CGridOperators ops = new CGridOperators(c.grid());
            for (int order = 1; order <= 2; order++) {
                DiffusionKernel kernel = new DiffusionKernel(ops, order, true, c.centre(), c.vRows());
                Tensor[] x = inputs(c.grid(), true, order, 23);
                Tensor dh = kernel.tendency(o, state(x, true), x[3]).h();
                double total = ops.integral(o, dh).item();
                double scale = ops.integral(o, o.abs(dh)).item();
                assertTrue(scale > 0);
                assertEquals(0.0, total, 1e-13 * scale, c.name() + ", order " + order + ": mass");
            }
        }
    }

    /**
     * A backend that runs a loop's rows in uneven chunks, last chunk first: a split no real backend
     * makes, under which values and gradients must keep their bits.
     */
    private static final Backend UNEVEN = new Backend() {
        @Override
        public void forRange(int n, int work, RangeKernel k) {
            List<int[]> chunks = new ArrayList<>();
            int from = 0;
            int size = 1;
            while (from < n) {
                int to = Math.min(n, from + size);
                chunks.add(new int[] {from, to});
                from = to;
                size = size % 3 + 1;
            }
            for (int i = chunks.size() - 1; i >= 0; i--) {
                k.run(chunks.get(i)[0], chunks.get(i)[1]);
            }
        }

        @Override
        public int threads() {
            return 1;
        }
    };

    @Test
    void anySplitOfTheRowsGivesTheSameBits() {
        // 2.8 degrees: rows enough for the parallel backends to split every pass
        LatLonGrid big = LatLonGrid.earth(2.8125);
        List<Case> all = new ArrayList<>(cases());
        all.add(new Case("2.8 degrees, polar weights", big, polarWeights(big, false), polarWeights(big, true)));
        all.add(new Case("2.8 degrees, unweighted", big, null, null));
        for (Case c : all) {
            CGridOperators ops = new CGridOperators(c.grid());
            for (int order = 1; order <= 2; order++) {
                for (boolean depth : new boolean[] {true, false}) {
                    DiffusionKernel kernel = new DiffusionKernel(ops, order, depth, c.centre(), c.vRows());
                    Tensor[] x = inputs(c.grid(), depth, order, 29);
                    Tensor[] w = GradientCheck.random(o, new Shape[] {kernel.outputShape(GradientCheck.shapes(x))}, 31);
                    Tensor[] reference = valueAndGradient(o, kernel, x, w);
                    String what = c.name() + ", order " + order + (depth ? ", with depth" : "");
                    assertBitwise(o.bind(kernel, x), reference[0], what + ": recorded against plain value");
                    for (Eager other : new Eager[] {Eager.parallel(2), Eager.parallel(3), new Eager(UNEVEN)}) {
                        Tensor[] r = valueAndGradient(other, kernel, x, w);
                        for (int i = 0; i < r.length; i++) {
                            assertBitwise(reference[i], r[i], what + " on " + other + ": output " + i);
                        }
                    }
                }
            }
        }
    }

    /** The kernel's value, its tangent along w, and the gradient of {@code <w, y>} (all inputs). */
    private static Tensor[] valueAndGradient(Eager e, DiffusionKernel kernel, Tensor[] x, Tensor[] w) {
        Tensor[] xe = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            xe[i] = e.constant(x[i].shape(), x[i].values());
        }
        Tensor we = e.constant(w[0].shape(), w[0].values());
        Tape tape = new Tape(e);
        Tensor[] in = tape.variables(xe);
        Tensor y = tape.bind(kernel, in);
        Tensor[] g = tape.gradient(tape.sum(tape.mul(y, we)), in);
        Tensor[] v = GradientCheck.random(e, GradientCheck.shapes(xe), 37);
        Tensor tangent = Derivatives.jvp(e, (q, a) -> new Tensor[] {q.bind(kernel, a)}, xe, v).derivatives()[0];
        Tensor[] r = new Tensor[g.length + 2];
        r[0] = tape.value(y);
        r[1] = tangent;
        System.arraycopy(g, 0, r, 2, g.length);
        return r;
    }

    /**
     * The kernel reuses per-thread work arrays; a call re-entered on the same thread (here: a
     * backend that evaluates the kernel on other inputs inside every loop it runs) must not share them.
     */
    @Test
    void reentrantCallsOnOneThreadDoNotShareWorkArrays() {
        Case c = cases().get(0);
        DiffusionKernel kernel = new DiffusionKernel(new CGridOperators(c.grid()), 2, true, c.centre(), c.vRows());
        Tensor[] x = inputs(c.grid(), true, 2, 41);
        Tensor[] other = inputs(c.grid(), true, 2, 43);
        Tensor[] w = GradientCheck.random(o, new Shape[] {kernel.outputShape(GradientCheck.shapes(x))}, 47);
        Backend reentrant = new Backend() {
            @Override
            public void forRange(int n, int work, RangeKernel k) {
                valueAndGradient(Eager.serial(), kernel, other, w);
                k.run(0, n);
            }

            @Override
            public int threads() {
                return 1;
            }
        };
        Tensor[] plain = valueAndGradient(o, kernel, x, w);
        Tensor[] nested = valueAndGradient(new Eager(reentrant), kernel, x, w);
        for (int i = 0; i < plain.length; i++) {
            assertBitwise(plain[i], nested[i], "output " + i);
        }
    }

    /** One kernel used by several threads at once (as a model's is by parallel ensemble members). */
    @Test
    void concurrentCallsGiveTheSerialBits() throws InterruptedException {
        Case c = cases().get(0);
        DiffusionKernel kernel = new DiffusionKernel(new CGridOperators(c.grid()), 2, true, c.centre(), c.vRows());
        int threads = 3;
        Tensor[][] x = new Tensor[threads][];
        Tensor[][] expected = new Tensor[threads][];
        Tensor[] w = GradientCheck.random(o, new Shape[] {Shape.of(3, c.grid().ny(), c.grid().nx())}, 53);
        for (int t = 0; t < threads; t++) {
            x[t] = inputs(c.grid(), true, 2, 100 + t);
            expected[t] = valueAndGradient(o, kernel, x[t], w);
        }
        Throwable[] failure = new Throwable[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                try {
                    for (int rep = 0; rep < 30; rep++) {
                        Tensor[] r = valueAndGradient(Eager.serial(), kernel, x[id], w);
                        for (int i = 0; i < r.length; i++) {
                            assertBitwise(expected[id][i], r[i], "thread " + id + ", output " + i);
                        }
                    }
                } catch (Throwable e) {
                    failure[id] = e;
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        for (Throwable f : failure) {
            if (f != null) {
                throw new AssertionError(f);
            }
        }
    }
}
