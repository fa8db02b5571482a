package org.ferrel.calibration.observe;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;

/** A field of the shallow-water model at the cell centres, as observations see it (differentiable). */
public enum ModelField {
    /**
     * Free-surface height h + b, the analogue of geopotential height, in geopotential metres [gpm]
     * (equal to metres; observed geopotential in m2 s-2 is divided by standard gravity).
     */
    SURFACE_HEIGHT("surface", "gpm"),
    /** Layer depth h [m]. */
    DEPTH("depth", "m"),
    /** Eastward velocity averaged to the centres [m s-1]. */
    EASTWARD_VELOCITY("u", "m s-1"),
    /** Northward velocity averaged to the centres [m s-1]. */
    NORTHWARD_VELOCITY("v", "m s-1");

    private final String key;
    private final String units;

    ModelField(String key, String units) {
        this.key = key;
        this.units = units;
    }

    /** The field's short name, as campaign files and output variables write it: surface, depth, u, v. */
    public String key() {
        return key;
    }

    /** The field of a short name, or null. */
    public static ModelField ofKey(String key) {
        for (ModelField f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        return null;
    }

    /** The units observations of the field are converted to (see {@code org.ferrel.io.observations.UnitConversion}). */
    public String units() {
        return units;
    }

    /** The field at the centres, shape [ny, nx]. */
    public Tensor at(Ops o, CGridOperators g, State s, ParameterValues p) {
        return switch (this) {
            case SURFACE_HEIGHT -> o.add(s.h(), p.get(Model.TOPOGRAPHY));
            case DEPTH -> s.h();
            case EASTWARD_VELOCITY -> g.uToCenter(o, s.u());
            case NORTHWARD_VELOCITY -> g.vToCenter(o, s.v());
        };
    }
}
