package org.ferrel.dycore.grid;

/**
 * Where a value lives on the Arakawa C-grid. With cell (i, j) centred at (x_i, y_j):
 * <ul>
 *   <li>{@code CENTER}: (x_i, y_j) — layer thickness h, topography, pressure, divergence;</li>
 *   <li>{@code U_FACE}: (x_{i+1/2}, y_j), the east face — eastward velocity u;</li>
 *   <li>{@code V_FACE}: (x_i, y_{j+1/2}), the north face — northward velocity v;</li>
 *   <li>{@code CORNER}: (x_{i+1/2}, y_{j+1/2}) — relative vorticity, potential vorticity.</li>
 * </ul>
 * Every field is stored as an array of shape [ny, nx] (row j, column i).
 */
public enum Location {
    CENTER,
    U_FACE,
    V_FACE,
    CORNER
}
