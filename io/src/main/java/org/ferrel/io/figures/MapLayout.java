package org.ferrel.io.figures;

/**
 * Where things are in a drawn map, in pixels of the image (x right, y down), and its colour scale:
 * for tests and for placing annotations.
 *
 * @param width     image width
 * @param height    image height
 * @param mapX      left edge of the map area
 * @param mapY      top edge of the map area
 * @param mapWidth  width of the map area
 * @param mapHeight height of the map area
 * @param west      longitude of the map's left edge [degrees east]; the right edge is {@code west + (mapWidth /
 *                  pixelsPerDegree)}
 * @param north     latitude of the map's top edge
 * @param pixelsPerDegree scale of the map (the same along both axes: an equirectangular map)
 * @param scale     the colour scale used
 * @param missing   number of missing cells drawn grey
 */
public record MapLayout(int width, int height, int mapX, int mapY, int mapWidth, int mapHeight, double west,
        double north, double pixelsPerDegree, ColourScale scale, long missing) {

    /** The pixel column of longitude {@code lon} (any multiple of 360 degrees away is the same place). */
    public int x(double lon) {
        double d = lon - west;
        double span = mapWidth / pixelsPerDegree;
        d = d - 360 * Math.floor(d / 360);
        if (d > span && d - 360 >= -1e-9) {
            d -= 360;
        }
        return mapX + (int) Math.floor(d * pixelsPerDegree);
    }

    /** The pixel row of latitude {@code lat}. */
    public int y(double lat) {
        return mapY + (int) Math.floor((north - lat) * pixelsPerDegree);
    }
}
