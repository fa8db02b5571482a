package org.ferrel.io.netcdf;

/**
 * The CF metadata of an output variable.
 *
 * @param name         variable name
 * @param units        CF (UDUNITS) units string
 * @param longName     human-readable description
 * @param standardName CF standard name, or {@code null} when none applies
 * @param cellMethods  CF cell_methods (e.g. "area: mean" for a finite-volume cell mean), or {@code null}
 */
public record VariableInfo(String name, String units, String longName, String standardName, String cellMethods) {

    /** A variable without cell methods (a point value or an interpolated one). */
    public VariableInfo(String name, String units, String longName, String standardName) {
        this(name, units, longName, standardName, null);
    }

    /** The same variable with {@code method} put before its cell methods (e.g. "time: mean"). */
    public VariableInfo withCellMethod(String method) {
        return new VariableInfo(name, units, longName, standardName, cellMethods == null ? method : method + " " + cellMethods);
    }
}
