package org.ferrel.io.netcdf;

/**
 * A field on the centres of a latitude-longitude grid, to be written as a CF variable.
 *
 * @param name         variable name
 * @param values       [ny * nx] values, row j (south to north) then column i (west to east)
 * @param units        CF units string
 * @param longName     human-readable description
 * @param standardName CF standard name, or {@code null} when none applies
 */
public record GriddedField(String name, double[] values, String units, String longName, String standardName) {
}
