package org.ferrel.calibration.scenario;

import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.io.config.ConfigNode;
import org.ferrel.physics.basis.Basis;
import org.ferrel.physics.basis.Harmonics;

/**
 * The {@code basis:} option of basis-function terms: {@code {type: spherical, minDegree: 0, maxDegree: 4}}
 * (real spherical harmonics) or {@code {type: zonal, maxDegree: 4}} (Legendre polynomials of sin latitude).
 */
record BasisOptions(String type, int minDegree, int maxDegree) {

    static BasisOptions parse(ConfigNode term) {
        ConfigNode b = term.requireChild("basis");
        b.allowOnly("type", "minDegree", "maxDegree");
        String type = b.choice("type", "spherical", "spherical", "zonal");
        int min = b.integer("minDegree", 0, 0, 60);
        int max = b.integer("maxDegree", 2, 0, 60);
        if (max < min) {
            throw b.error("maxDegree", "must be at least minDegree (" + min + ")");
        }
        if (type.equals("zonal") && min != 0) {
            throw b.error("minDegree", "a zonal basis starts at degree 0");
        }
        return new BasisOptions(type, min, max);
    }

    Basis on(LatLonGrid grid) {
        return type.equals("zonal") ? Harmonics.zonalLegendre(grid, maxDegree) : Harmonics.realSpherical(grid, minDegree, maxDegree);
    }

    /** Number of functions. */
    int size() {
        return type.equals("zonal") ? maxDegree + 1 : (maxDegree + 1) * (maxDegree + 1) - minDegree * minDegree;
    }

    /** Numbers of a list option, at most {@code max} of them. */
    static double[] numbers(ConfigNode c, String key, int max) {
        if (!c.has(key)) {
            return new double[0];
        }
        var items = c.list(key);
        if (items.size() > max) {
            throw c.error(key, items.size() + " values for a basis of " + max + " functions");
        }
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            String t = items.get(i).text();
            try {
                out[i] = Double.parseDouble(t == null ? "x" : t.trim());
            } catch (NumberFormatException e) {
                throw c.error(key, "expected numbers, got \"" + t + "\"");
            }
        }
        return out;
    }
}
