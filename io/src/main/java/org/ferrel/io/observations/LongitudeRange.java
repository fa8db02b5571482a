package org.ferrel.io.observations;

/** The range the longitudes of a {@link GriddedObservation} are given in; the data are rotated to match. */
public enum LongitudeRange {
    /** {@code [0, 360)} degrees east, Ferrel's own grids' convention. */
    ZERO_TO_360,
    /** {@code [-180, 180)} degrees east. */
    MINUS_180_TO_180;

    /** The longitude (degrees) moved into this range by whole turns. */
    public double wrap(double longitude) {
        return switch (this) {
            case ZERO_TO_360 -> {
                double w = longitude % 360.0;
                w = w < 0 ? w + 360.0 : w;
                yield w >= 360.0 ? 0.0 : w;
            }
            case MINUS_180_TO_180 -> {
                double w = (longitude + 180.0) % 360.0;
                w = w < 0 ? w + 360.0 : w;
                yield (w >= 360.0 ? 0.0 : w) - 180.0;
            }
        };
    }
}
