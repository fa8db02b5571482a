package org.ferrel.dycore.model;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * Backward-Euler meridional diffusion of the depth, {@code (I - dt kappa L_y) h(n+1) = h*}, with
 * the meridional part of the flux-form Laplacian,
 * <pre>(L_y h)_j = [ (h_{j+1} - h_j) dx_{j+1/2} - (h_j - h_{j-1}) dx_{j-1/2} ] / (dy A_j),</pre>
 * one tridiagonal system per longitude. Unconditionally stable, and conserving mass exactly (no flux
 * through the pole faces, whose length is zero); its adjoint is one transposed tridiagonal solve per
 * column. Needs a grid closed in y (the sphere): the plane's periodic rows would need a cyclic solver.
 *
 * @param coefficient default kappa [m^2/s] (parameter {@code implicitDiffusion.coefficient}, 0 to 1e8)
 */
public record ImplicitMeridionalDiffusion(double coefficient) implements ImplicitTerm {
    public static final String COEFFICIENT = "implicitDiffusion.coefficient";

    @Override
    public String name() {
        return "implicitMeridionalDiffusion";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.scalar(COEFFICIENT, "m^2/s", 0.0, 1e8, "kappa in (I - dt kappa L_y) h(n+1) = h*")
                .withPrior(coefficient, Math.max(coefficient, 1e4)));
    }

    @Override
    public Tensor[] defaults(Ops ops) {
        return new Tensor[] {ops.scalar(coefficient)};
    }

    @Override
    public State apply(Ops o, CGridOperators g, State s, ParameterValues p, double dt) {
        Grid grid = g.grid();
        if (grid.periodicY()) {
            throw new IllegalArgumentException(name() + " needs a grid closed in y (the sphere); " + grid
                    + " is periodic in y");
        }
        int ny = grid.ny();
        double[] dxV = grid.dxAtVRow();
        double[] area = grid.cellArea();
        double[] north = new double[ny];
        double[] south = new double[ny];
        for (int j = 0; j < ny; j++) {
            north[j] = dxV[j] / (grid.dy() * area[j]);
            south[j] = j == 0 ? 0.0 : dxV[j - 1] / (grid.dy() * area[j]);
        }
        Shape columns = Shape.of(grid.nx(), ny);
        Tensor kdt = o.mul(p.get(COEFFICIENT), dt);
        Tensor lower = o.broadcastTo(o.mul(o.constant(south, 1, ny), o.neg(kdt)), columns);
        Tensor upper = o.broadcastTo(o.mul(o.constant(north, 1, ny), o.neg(kdt)), columns);
        Tensor diagonal = o.sub(o.sub(o.full(columns, 1.0), lower), upper);
        Tensor h = o.transpose(o.solveTridiagonal(lower, diagonal, upper, o.transpose(s.h())));
        return new State(h, s.u(), s.v());
    }
}
