package org.ferrel.io.scenario;

import java.util.Locale;

/**
 * The vertical level at which observations see a model field: none (a single-layer field or a
 * surface field), a sigma level (p / ps), or a pressure level.
 *
 * @param kind  which of the three
 * @param value sigma (0 to 1) or pressure [Pa]; NaN for none
 */
public record ObservedLevel(Kind kind, double value) {
    public enum Kind { NONE, SIGMA, PRESSURE }

    public static final ObservedLevel NONE = new ObservedLevel(Kind.NONE, Double.NaN);

    public ObservedLevel {
        if (kind == Kind.SIGMA && !(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("a sigma level is in (0, 1], got " + value);
        }
        if (kind == Kind.PRESSURE && !(value > 0 && value < 2e5)) {
            throw new IllegalArgumentException("a pressure level is in (0, 2000) hPa, got " + value / 100 + " hPa");
        }
    }

    /**
     * The level a mapping gives with {@code sigma: S} or {@code pressure: P} (hPa), or {@link #NONE}
     * when it gives neither; both is an error at the key.
     */
    public static ObservedLevel read(org.ferrel.io.config.ConfigNode node) {
        if (node.has("sigma") && node.has("pressure")) {
            throw node.error("pressure", "give the level as sigma or as pressure, not both");
        }
        return node.has("sigma") ? sigma(node.number("sigma", 1, 1e-6, 1, ""))
                : node.has("pressure") ? pressure(100 * node.number("pressure", 500, 0.01, 1500, "hPa"))
                : NONE;
    }

    public static ObservedLevel sigma(double sigma) {
        return new ObservedLevel(Kind.SIGMA, sigma);
    }

    /** A pressure level given in Pa. */
    public static ObservedLevel pressure(double pascal) {
        return new ObservedLevel(Kind.PRESSURE, pascal);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "";
            case SIGMA -> String.format(Locale.ROOT, "at sigma %s", value);
            case PRESSURE -> String.format(Locale.ROOT, "at %s hPa", value / 100);
        };
    }
}
