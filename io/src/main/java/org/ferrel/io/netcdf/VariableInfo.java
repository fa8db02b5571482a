package org.ferrel.io.netcdf;

/**
 * The CF metadata of an output variable.
 *
 * @param name         variable name
 * @param units        CF (UDUNITS) units string
 * @param longName     human-readable description
 * @param standardName CF standard name, or {@code null} when none applies
 */
public record VariableInfo(String name, String units, String longName, String standardName) {
}
