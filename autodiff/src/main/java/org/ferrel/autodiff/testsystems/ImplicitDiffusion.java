package org.ferrel.autodiff.testsystems;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.loop.Step;

/**
 * A stiff test problem: the heat equation {@code du/dt = kappa d2u/dx2} on n interior points of
 * [0, 1] with u = 0 at both ends, stepped by backward Euler,
 * <pre>(I - r L) u(k+1) = u(k),  r = kappa dt / dx^2,</pre>
 * with L the second-difference matrix. Stable for any r; with r much larger than 1/2 (the explicit
 * limit) the problem is stiff. State {@code [u]}, parameters {@code [kappa]}. Each step is one
 * tridiagonal solve, so its adjoint is one transposed tridiagonal solve.
 */
public final class ImplicitDiffusion {
    private ImplicitDiffusion() {
    }

    public static Step backwardEuler(int n, double dt) {
        double dx = 1.0 / (n + 1);
        Shape shape = Shape.of(n);
        return (ops, k, state, p) -> {
            Tensor r = ops.mul(p[0], dt / (dx * dx));
            Tensor offDiagonal = ops.broadcastTo(ops.neg(r), shape);
            Tensor diagonal = ops.broadcastTo(ops.add(ops.mul(r, 2.0), 1.0), shape);
            return new Tensor[] {ops.solveTridiagonal(offDiagonal, diagonal, offDiagonal, state[0])};
        };
    }

    /** The same step with the matrix assembled densely and solved by LU: a cross-check of the tridiagonal rule. */
    public static Step backwardEulerDense(int n, double dt) {
        double dx = 1.0 / (n + 1);
        double[] identity = new double[n * n];
        double[] laplacian = new double[n * n];
        for (int i = 0; i < n; i++) {
            identity[i * n + i] = 1.0;
            laplacian[i * n + i] = -2.0;
            if (i > 0) {
                laplacian[i * n + i - 1] = 1.0;
            }
            if (i < n - 1) {
                laplacian[i * n + i + 1] = 1.0;
            }
        }
        return (ops, k, state, p) -> {
            Tensor r = ops.mul(p[0], dt / (dx * dx));
            Tensor matrix = ops.sub(ops.constant(identity, n, n), ops.mul(ops.constant(laplacian, n, n), r));
            return new Tensor[] {ops.solve(matrix, state[0])};
        };
    }
}
