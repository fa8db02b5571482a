package org.ferrel.io.netcdf;

/** The on-disk formats of NetCDF that this module recognises. */
public enum NetcdfFormat {
    /** NetCDF-3 classic (CDF-1). */
    CLASSIC("NetCDF-3 classic"),
    /** NetCDF-3 64-bit offset (CDF-2), what Ferrel writes. */
    OFFSET_64BIT("NetCDF-3 64-bit offset"),
    /** NetCDF-3 64-bit data (CDF-5): recognised, but NetCDF-Java 4.5.5 cannot read it. */
    DATA_64BIT("NetCDF-3 64-bit data (CDF-5)"),
    /** NetCDF-4, stored as HDF5. */
    NETCDF4("NetCDF-4 (HDF5)");

    private final String description;

    NetcdfFormat(String description) {
        this.description = description;
    }

    /** For people, e.g. "NetCDF-4 (HDF5)". */
    public String description() {
        return description;
    }
}
