package org.ferrel.io.scenario.shallowwater;

import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.grid.Grid;
import org.ferrel.dycore.model.Diagnostics;
import org.ferrel.dycore.model.Model;
import org.ferrel.dycore.model.ParameterValues;
import org.ferrel.dycore.model.State;
import org.ferrel.dycore.operators.CGridOperators;
import org.ferrel.io.netcdf.VariableInfo;

/**
 * The output variables of a shallow-water run, all at the cell centres so that every tool sees
 * one lat-lon grid: h; u and v averaged from their faces ({@code (u_{i-1/2} + u_{i+1/2})/2},
 * {@code (v_{j-1/2} + v_{j+1/2})/2}, v = 0 on the pole faces); relative vorticity averaged from the four
 * corners around a centre (the two northern corners in the southernmost row, whose southern corners
 * are the pole); the free-surface height h + b; the topography b. The scalar series are the integral
 * invariants of {@link Diagnostics}.
 */
public final class OutputFields {
    private static final List<VariableInfo> CATALOGUE = List.of(
            new VariableInfo("h", "m", "fluid layer depth", null, "area: mean"),
            new VariableInfo("u", "m s-1", "eastward velocity (averaged to cell centres)", "eastward_wind"),
            new VariableInfo("v", "m s-1", "northward velocity (averaged to cell centres)", "northward_wind"),
            new VariableInfo("vorticity", "s-1", "relative vorticity (averaged to cell centres)", "atmosphere_relative_vorticity"),
            new VariableInfo("surface", "m", "free-surface height h + b", null, "area: mean"),
            new VariableInfo("topography", "m", "bottom topography b", "surface_altitude", "area: mean"));

    /** Every output variable, in the catalogue's order. */
    public static final List<String> NAMES = CATALOGUE.stream().map(VariableInfo::name).toList();

    /** Output variables that do not change in time, written once. */
    public static final List<String> STATIC = List.of("topography");

    /** The scalar series written with every record. */
    public static final List<VariableInfo> SERIES = List.of(
            new VariableInfo("total_mass", "m3", "total mass: area integral of h (volume of the layer)", null),
            new VariableInfo("total_energy", "m5 s-2", "total energy: area integral of h K + g (h^2/2 + h b)", null),
            new VariableInfo("potential_enstrophy", "m s-2", "potential enstrophy: area integral of (zeta + f)^2 / (2 h)", null));

    private OutputFields() {
    }

    /** The CF metadata of the named output variables. */
    public static List<VariableInfo> describe(List<String> names) {
        return names.stream().map(n -> CATALOGUE.stream().filter(v -> v.name().equals(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown output variable '" + n + "'"))).toList();
    }

    /** The named variables of a state, each [ny * nx] at the cell centres. */
    public static double[][] compute(List<String> names, Ops o, CGridOperators g, State s, double[] topography) {
        Grid grid = g.grid();
        int nx = grid.nx();
        int ny = grid.ny();
        double[][] out = new double[names.size()][];
        for (int k = 0; k < names.size(); k++) {
            out[k] = switch (names.get(k)) {
                case "h" -> s.h().values().clone();
                case "u" -> uAtCentres(s.u().values(), nx, ny);
                case "v" -> vAtCentres(s.v().values(), nx, ny);
                case "vorticity" -> cornersToCentres(g.curlAtCorner(o, s.u(), s.v()).values(), nx, ny);
                case "surface" -> plus(s.h().values(), topography);
                case "topography" -> topography.clone();
                default -> throw new IllegalArgumentException("unknown output variable '" + names.get(k) + "'");
            };
        }
        return out;
    }

    /** Total mass, energy and potential enstrophy. */
    public static double[] series(Ops o, Model model, State s, ParameterValues p) {
        CGridOperators g = model.operators();
        Tensor gravity = p.get(Model.GRAVITY);
        Tensor b = p.get(Model.TOPOGRAPHY);
        return new double[] {Diagnostics.mass(o, g, s).item(), Diagnostics.energy(o, g, s, gravity, b).item(),
            Diagnostics.potentialEnstrophy(o, g, s).item()};
    }

    static double[] uAtCentres(double[] u, int nx, int ny) {
        double[] c = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            int row = j * nx;
            for (int i = 0; i < nx; i++) {
                int west = i == 0 ? nx - 1 : i - 1;
                c[row + i] = 0.5 * (u[row + west] + u[row + i]);
            }
        }
        return c;
    }

    static double[] vAtCentres(double[] v, int nx, int ny) {
        double[] c = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double south = j == 0 ? 0.0 : v[(j - 1) * nx + i];
                c[j * nx + i] = 0.5 * (south + v[j * nx + i]);
            }
        }
        return c;
    }

    static double[] cornersToCentres(double[] z, int nx, int ny) {
        double[] c = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int west = i == 0 ? nx - 1 : i - 1;
                double north = 0.5 * (z[j * nx + i] + z[j * nx + west]);
                c[j * nx + i] = j == 0 ? north : 0.5 * (north + 0.5 * (z[(j - 1) * nx + i] + z[(j - 1) * nx + west]));
            }
        }
        return c;
    }

    private static double[] plus(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] + b[i];
        }
        return c;
    }
}
