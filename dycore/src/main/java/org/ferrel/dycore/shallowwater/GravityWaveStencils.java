package org.ferrel.dycore.shallowwater;

import org.ferrel.autodiff.LinearPrimitive;
import java.util.Arrays;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * The two halves of the linear gravity-wave operator of {@link LinearGravityWaves} as single-pass
 * stencils over flat [ny, nx] arrays, with the metrics of {@link CGridOperators} (x periodic, no
 * flux through the poles):
 * <pre>
 *   divergence:  (u, v) -&gt; -H0 [dy (u_i - u_(i-1)) + dxV_j v_j - dxV_(j-1) v_(j-1)] / A_j     (= -H0 divergenceAtCenter)
 *   gradient:    h -&gt; stack( -g (h_(i+1) - h_i) / dx_j,  -g (h_(j+1) - h_j) m_j / dy )      (= -g ddxAtU, -g ddyAtV)
 * </pre>
 * Each is linear, so it is one {@link Primitive} whose tangent is itself and whose cotangent is its
 * transpose, written out as a stencil too ({@link #divergenceTransposed}, {@link #gradientTransposed},
 * in gather form); each transpose's own cotangent is the operator again, so derivatives of any order
 * follow. {@code GravityWaveStencilsTest} checks the stencils against the composite operators and the
 * transposes by the dot-product test. Where a composite of a dozen array operations took about as
 * long as the fused shallow-water tendency, one pass does.
 */
final class GravityWaveStencils {
    private final int nx;
    private final int ny;
    private final double dy;
    private final double[] invDx;
    private final double[] dxV;
    private final double[] invArea;
    private final double[] maskOverDy;
    private final double gravity;
    private final double depth;
    final Primitive divergence = new Operator(Kind.DIVERGENCE);
    final Primitive divergenceTransposed = new Operator(Kind.DIVERGENCE_TRANSPOSED);
    final Primitive gradient = new Operator(Kind.GRADIENT);
    final Primitive gradientTransposed = new Operator(Kind.GRADIENT_TRANSPOSED);

    GravityWaveStencils(Grid grid, double gravity, double depth) {
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.dy = grid.dy();
        this.invDx = CGridOperators.inverse(grid.dxAtCenterRow());
        this.dxV = grid.dxAtVRow();
        this.invArea = CGridOperators.inverse(grid.cellArea());
        double[] mask = grid.vMask();
        this.maskOverDy = new double[ny];
        for (int j = 0; j < ny; j++) {
            maskOverDy[j] = mask[j] * (1.0 / dy);
        }
        this.gravity = gravity;
        this.depth = depth;
    }

    private enum Kind {
        DIVERGENCE, DIVERGENCE_TRANSPOSED, GRADIENT, GRADIENT_TRANSPOSED
    }

    /** -H0 div(u, v) at centres into out[0, n). */
    private void divergence(double[] u, double[] v, double[] out) {
        for (int j = 0; j < ny; j++) {
            int row = j * nx;
            double north = dxV[j];
            double south = j > 0 ? dxV[j - 1] : 0.0;
            double scale = -depth * invArea[j];
            for (int i = 0; i < nx; i++) {
                int k = row + i;
                int w = i == 0 ? row + nx - 1 : k - 1;
                double southFlux = j > 0 ? v[k - nx] * south : 0.0;
                out[k] = scale * (dy * (u[k] - u[w]) + (v[k] * north - southFlux));
            }
        }
    }

    /** The transpose of {@link #divergence}: c at centres into u (out[0, n)) and v (out[n, 2n)). */
    private void divergenceTransposed(double[] c, double[] out) {
        int n = nx * ny;
        for (int j = 0; j < ny; j++) {
            int row = j * nx;
            double here = depth * invArea[j];
            double above = j + 1 < ny ? depth * invArea[j + 1] : 0.0;
            for (int i = 0; i < nx; i++) {
                int k = row + i;
                int e = i == nx - 1 ? row : k + 1;
                out[k] = dy * (here * c[e] - here * c[k]);
                double northCell = j + 1 < ny ? above * c[k + nx] : 0.0;
                out[n + k] = dxV[j] * (northCell - here * c[k]);
            }
        }
    }

    /** -g grad(h) at u-faces (out[0, n)) and v-faces (out[n, 2n)). */
    private void gradient(double[] h, double[] out) {
        int n = nx * ny;
        for (int j = 0; j < ny; j++) {
            int row = j * nx;
            double x = -gravity * invDx[j];
            double y = -gravity * maskOverDy[j];
            for (int i = 0; i < nx; i++) {
                int k = row + i;
                int e = i == nx - 1 ? row : k + 1;
                double northValue = j + 1 < ny ? h[k + nx] : 0.0;
                out[k] = x * (h[e] - h[k]);
                out[n + k] = y * (northValue - h[k]);
            }
        }
    }

    /** The transpose of {@link #gradient}: (cu, cv) stacked into a centred field. */
    private void gradientTransposed(double[] c, double[] out) {
        int n = nx * ny;
        for (int j = 0; j < ny; j++) {
            int row = j * nx;
            double x = gravity * invDx[j];
            double y = gravity * maskOverDy[j];
            double ySouth = j > 0 ? gravity * maskOverDy[j - 1] : 0.0;
            for (int i = 0; i < nx; i++) {
                int k = row + i;
                int w = i == 0 ? row + nx - 1 : k - 1;
                double fromSouth = j > 0 ? ySouth * c[n + k - nx] : 0.0;
                out[k] = x * (c[k] - c[w]) + (y * c[n + k] - fromSouth);
            }
        }
    }

    /** One of the four linear stencils as an engine primitive. */
    private final class Operator implements LinearPrimitive {
        private final Kind kind;

        Operator(Kind kind) {
            this.kind = kind;
        }

        @Override
        public String name() {
            return "gravityWaves." + kind.name().toLowerCase(java.util.Locale.ROOT);
        }

        private Shape field() {
            return Shape.of(ny, nx);
        }

        private Shape pair() {
            return Shape.of(2, ny, nx);
        }

        @Override
        public Shape outputShape(Shape[] in) {
            Shape[] expected = switch (kind) {
                case DIVERGENCE -> new Shape[] {field(), field()};
                case DIVERGENCE_TRANSPOSED, GRADIENT -> new Shape[] {field()};
                case GRADIENT_TRANSPOSED -> new Shape[] {pair()};
            };
            if (!Arrays.equals(in, expected)) {
                throw new ShapeMismatchException(name() + ": expects inputs " + Arrays.toString(expected) + ", got "
                        + Arrays.toString(in));
            }
            return kind == Kind.DIVERGENCE_TRANSPOSED || kind == Kind.GRADIENT ? pair() : field();
        }

        @Override
        public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
            switch (kind) {
                case DIVERGENCE -> divergence(in[0], in[1], out);
                case DIVERGENCE_TRANSPOSED -> divergenceTransposed(in[0], out);
                case GRADIENT -> gradient(in[0], out);
                case GRADIENT_TRANSPOSED -> gradientTransposed(in[0], out);
            }
        }

        @Override
        public Tensor jvp(Ops ops, Tensor[] primals, Tensor[] tangents, Tensor output) {
            Tensor[] t = tangents.clone();
            for (int i = 0; i < t.length; i++) {
                if (t[i] == null) {
                    t[i] = ops.zeros(primals[i].shape());
                }
            }
            return ops.bind(this, t);
        }

        @Override
        public Tensor[] vjp(Ops ops, Tensor[] primals, Tensor output, Tensor cotangent, boolean[] wanted) {
            return switch (kind) {
                case DIVERGENCE -> {
                    Tensor both = ops.bind(divergenceTransposed, cotangent);
                    Tensor[] r = {ops.bind(StackedField.extract(0, 2, field()), both),
                        ops.bind(StackedField.extract(1, 2, field()), both)};
                    yield r;
                }
                case DIVERGENCE_TRANSPOSED -> new Tensor[] {ops.bind(divergence,
                        ops.bind(StackedField.extract(0, 2, field()), cotangent),
                        ops.bind(StackedField.extract(1, 2, field()), cotangent))};
                case GRADIENT -> new Tensor[] {ops.bind(gradientTransposed, cotangent)};
                case GRADIENT_TRANSPOSED -> new Tensor[] {ops.bind(gradient, cotangent)};
            };
        }
    }
}
