package org.ferrel.io.figures;

/**
 * A colour scale from a value range to RGB: {@link Kind#DIVERGING} (ColorBrewer RdBu reversed:
 * blue below the centre, near-white at it, red above; the range is symmetric about zero) or
 * {@link Kind#SEQUENTIAL} (viridis: dark purple at the low end to yellow at the high end; readable
 * in grey scale and by colour-blind readers). Values outside the range get the end colours;
 * NaN gets {@link #MISSING}.
 *
 * @param kind diverging or sequential
 * @param low  value at the low end
 * @param high value at the high end (greater than low)
 */
public record ColourScale(Kind kind, double low, double high) {
    /** Mid grey, for missing values; in neither scale. */
    public static final int MISSING = 0x9a9a9a;

    public enum Kind {
        DIVERGING,
        SEQUENTIAL
    }

    // ColorBrewer RdBu (11 classes), reversed so that low is blue
    private static final int[] DIVERGING_STOPS = {0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7,
        0xf4a582, 0xd6604d, 0xb2182b, 0x67001f};
    // viridis at 0, 0.1, ..., 1 (matplotlib's table)
    private static final int[] SEQUENTIAL_STOPS = {0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884,
        0x44bf70, 0x7ad151, 0xbddf26, 0xfde725};

    public ColourScale {
        if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("colour scale needs finite low < high, got " + low + " .. " + high);
        }
    }

    /**
     * The scale for data in [min, max]: diverging and symmetric about zero when the data straddle zero (min < 0 <
     * max), sequential over [min, max] otherwise; a constant field gets a range of +-1 around its value (or
     * +-1 % of it).
     *
     * @param forced {@code null} to choose by the data, or the kind to use
     */
    public static ColourScale forData(double min, double max, Kind forced) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return new ColourScale(forced == null ? Kind.SEQUENTIAL : forced, forced == Kind.DIVERGING ? -1 : 0, 1);
        }
        Kind kind = forced != null ? forced : (min < 0 && max > 0 ? Kind.DIVERGING : Kind.SEQUENTIAL);
        if (kind == Kind.DIVERGING) {
            double m = Math.max(Math.abs(min), Math.abs(max));
            if (m == 0) {
                m = 1;
            }
            return new ColourScale(kind, -m, m);
        }
        if (max > min) {
            return new ColourScale(kind, min, max);
        }
        double half = min == 0 ? 1 : Math.abs(min) * 0.01;
        return new ColourScale(kind, min - half, max + half);
    }

    /** The position of {@code value} in the scale, clamped to [0, 1]. */
    public double fraction(double value) {
        return Math.max(0, Math.min(1, (value - low) / (high - low)));
    }

    /** The colour of {@code value} as 0xRRGGBB; {@link #MISSING} for NaN. */
    public int rgb(double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        return at(fraction(value));
    }

    /** The colour at position {@code t} in [0, 1] of the scale, as 0xRRGGBB. */
    public int at(double t) {
        int[] stops = kind == Kind.DIVERGING ? DIVERGING_STOPS : SEQUENTIAL_STOPS;
        double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) x);
        double f = x - k;
        int a = stops[k];
        int b = stops[k + 1];
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
        int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return (r << 16) | (g << 8) | bl;
    }
}
