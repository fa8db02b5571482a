package org.ferrel.hybrid.param;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Tensor;
import org.ferrel.dycore.operators.CGridOperators;

/**
 * What a {@link NeuralTendency} sees of the state at each cell. The three prognostic fields are
 * first brought to cell centres (h as is, u and v averaged from their faces); a feature set then
 * takes them at the cell itself or over its neighbourhood, using the grid's neighbour operators (so
 * periodic and polar boundaries follow the dynamics' conventions).
 */
public enum FeatureSet {
    /** h, u, v at the cell: 3 features. */
    POINTWISE(new int[][] {{0, 0}}),
    /** h, u, v at the cell and its east, west, north and south neighbours: 15 features. */
    STENCIL_5POINT(new int[][] {{0, 0}, {0, 1}, {0, -1}, {1, 0}, {-1, 0}}),
    /** h, u, v over the 3x3 block around the cell: 27 features. */
    STENCIL_3x3(new int[][] {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 0}, {0, 1}, {1, -1}, {1, 0}, {1, 1}});

    /** The prognostic fields, at centres, in feature order. */
    public static final int FIELDS = 3;

    private final int[][] offsets;

    FeatureSet(int[][] offsets) {
        this.offsets = offsets;
    }

    /** The number of features per cell. */
    public int count() {
        return FIELDS * offsets.length;
    }

    /** The neighbour offsets {@code {dj, di}} (north and east positive), in feature order. */
    public int[][] offsets() {
        int[][] copy = new int[offsets.length][];
        for (int k = 0; k < offsets.length; k++) {
            copy[k] = offsets[k].clone();
        }
        return copy;
    }

    /**
     * The feature fields, each [ny, nx]: for every offset in order, the centred h, u and v read at
     * that offset from each cell.
     */
    public Tensor[] fields(Ops o, CGridOperators grid, Tensor hc, Tensor uc, Tensor vc) {
        Tensor[] base = {hc, uc, vc};
        Tensor[] out = new Tensor[count()];
        for (int k = 0; k < offsets.length; k++) {
            for (int f = 0; f < FIELDS; f++) {
                out[FIELDS * k + f] = neighbour(o, grid, base[f], offsets[k][0], offsets[k][1]);
            }
        }
        return out;
    }

    private static Tensor neighbour(Ops o, CGridOperators grid, Tensor a, int dj, int di) {
        Tensor r = a;
        for (int s = 0; s < Math.abs(di); s++) {
            r = di > 0 ? grid.east(o, r) : grid.west(o, r);
        }
        for (int s = 0; s < Math.abs(dj); s++) {
            r = dj > 0 ? grid.north(o, r) : grid.south(o, r);
        }
        return r;
    }
}
