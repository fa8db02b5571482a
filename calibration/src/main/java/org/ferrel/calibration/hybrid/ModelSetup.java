package org.ferrel.calibration.hybrid;

import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.model.Hyperdiffusion;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.TendencyTerm;
import org.ferrel.dycore.shallowwater.PolarFilter;

/**
 * How the fine (truth) and coarse models of a hybrid experiment are built: the same shallow-water
 * dynamics on the sphere, SSP-RK3, a polar filter from {@code polarFilterLatitude}, and on the fine
 * grid biharmonic diffusion with {@code fineHyperdiffusion}. The coarse model's time step is
 * {@code coarseTimeStep}, the fine one's {@code coarseTimeStep / factor}.
 *
 * @param coarseDegrees        coarse grid spacing [deg] (180 divisible into rows)
 * @param factor               refinement of the fine grid (at least 4 for truth)
 * @param coarseTimeStep       coarse time step [s]
 * @param fineHyperdiffusion   nu of the fine model [m^4/s]
 * @param polarFilterLatitude  latitude from which the polar filter acts [deg]
 */
public record ModelSetup(double coarseDegrees, int factor, double coarseTimeStep, double fineHyperdiffusion,
                         double polarFilterLatitude) {
    public ModelSetup {
        if (factor < 1) {
            throw new IllegalArgumentException("refinement factor must be at least 1, got " + factor);
        }
    }

    public LatLonGrid coarseGrid() {
        return LatLonGrid.earth(coarseDegrees);
    }

    public LatLonGrid fineGrid() {
        LatLonGrid c = coarseGrid();
        return new LatLonGrid(c.nx() * factor, c.ny() * factor, c.radius(), c.rotationRate());
    }

    public CoarseGraining coarseGraining() {
        return new CoarseGraining(fineGrid(), factor);
    }

    /** The truth model on the fine grid. */
    public Model fine() {
        LatLonGrid g = fineGrid();
        return Model.builder(g).timeStep(coarseTimeStep / factor).filter(new PolarFilter(g, Math.toRadians(polarFilterLatitude)))
                .term(new Hyperdiffusion(fineHyperdiffusion, true)).build();
    }

    /** The coarse model with these closure terms (none: the uncorrected coarse dynamics). */
    public Model coarse(TendencyTerm... closures) {
        LatLonGrid g = coarseGrid();
        Model.Builder b = Model.builder(g).timeStep(coarseTimeStep).filter(new PolarFilter(g, Math.toRadians(polarFilterLatitude)));
        for (TendencyTerm t : closures) {
            b.term(t);
        }
        return b.build();
    }
}
