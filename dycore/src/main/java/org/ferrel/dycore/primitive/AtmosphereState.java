package org.ferrel.dycore.primitive;

import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Location;
import org.ferrel.dycore.model.StateVector;

/**
 * The prognostic state of the primitive-equation core on the C-grid: eastward wind u at u-faces and
 * northward wind v at v-faces [m/s], temperature at centres [K], each of shape [nz, ny, nx] with
 * level 0 at the top, and surface pressure ps at centres [Pa], of shape [ny, nx].
 */
public record AtmosphereState(Tensor u, Tensor v, Tensor temperature, Tensor surfacePressure)
        implements StateVector<AtmosphereState> {
    public static final String[] NAMES = {"u", "v", "temperature", "surface_pressure"};

    @Override
    public Tensor[] toArray() {
        return new Tensor[] {u, v, temperature, surfacePressure};
    }

    @Override
    public AtmosphereState withFields(Tensor[] fields) {
        return of(fields);
    }

    @Override
    public Location[] locations() {
        return new Location[] {Location.U_FACE, Location.V_FACE, Location.CENTER, Location.CENTER};
    }

    public static AtmosphereState of(Tensor[] t) {
        if (t.length != 4) {
            throw new IllegalArgumentException("an atmosphere state has 4 fields (u, v, temperature, surface_pressure), got "
                    + t.length);
        }
        return new AtmosphereState(t[0], t[1], t[2], t[3]);
    }
}
