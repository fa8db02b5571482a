/**
 * Reading gridded observations (reanalyses, climatologies) from NetCDF-3 and NetCDF-4 files into
 * plain values: {@link org.ferrel.io.observations.ObservationReader} reads one variable on a
 * latitude-longitude grid into a {@link org.ferrel.io.observations.GriddedObservation} ([time][lat][lon]
 * doubles, NaN where missing, latitudes ascending, longitudes in a chosen range), following the CF
 * conventions for axes, packing, missing values and time (all CF calendars). NetCDF-Java types do not
 * appear in this package's API. See {@code docs/io.md}.
 */
package org.ferrel.io.observations;
