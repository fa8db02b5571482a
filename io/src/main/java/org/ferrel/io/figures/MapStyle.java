package org.ferrel.io.figures;

/**
 * How to colour a map.
 *
 * @param scale {@code null} to choose by the data (diverging and symmetric about zero when they straddle zero,
 *              sequential otherwise), or the kind to force
 * @param min   the value at the low end of the colour bar, or {@code null} for the data's (or, diverging, minus
 *              the largest magnitude)
 * @param max   the value at the high end, or {@code null} for the data's
 * @param title a title to use instead of the data's, or {@code null}
 */
public record MapStyle(ColourScale.Kind scale, Double min, Double max, String title) {
    /** Everything chosen from the data. */
    public static final MapStyle AUTO = new MapStyle(null, null, null, null);

    public MapStyle {
        if (min != null && !Double.isFinite(min) || max != null && !Double.isFinite(max)) {
            throw new IllegalArgumentException("colour range must be finite, got " + min + " .. " + max);
        }
        if (min != null && max != null && !(max > min)) {
            throw new IllegalArgumentException("colour range needs min < max, got " + min + " .. " + max);
        }
    }

    public static MapStyle of(ColourScale.Kind scale) {
        return new MapStyle(scale, null, null, null);
    }

    public MapStyle withScale(ColourScale.Kind kind) {
        return new MapStyle(kind, min, max, title);
    }

    public MapStyle withRange(Double low, Double high) {
        return new MapStyle(scale, low, high, title);
    }

    public MapStyle withTitle(String t) {
        return new MapStyle(scale, min, max, t);
    }

    /** The colour scale for data whose valid values span [dataMin, dataMax]. */
    ColourScale colourScale(double dataMin, double dataMax) {
        ColourScale auto = ColourScale.forData(dataMin, dataMax, scale);
        if (min == null && max == null) {
            return auto;
        }
        double lo = min != null ? min : auto.low();
        double hi = max != null ? max : auto.high();
        if (!(hi > lo)) {
            throw new IllegalArgumentException("colour range " + lo + " .. " + hi + " is empty (the data span "
                    + dataMin + " .. " + dataMax + "); give both ends");
        }
        ColourScale.Kind kind = scale != null ? scale : lo < 0 && hi > 0 ? ColourScale.Kind.DIVERGING
                : ColourScale.Kind.SEQUENTIAL;
        return new ColourScale(kind, lo, hi);
    }
}
