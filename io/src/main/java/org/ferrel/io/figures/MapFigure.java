package org.ferrel.io.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ferrel.io.netcdf.LatLonSlice;

/**
 * Longitude-latitude maps as PNG: cells coloured by a {@link ColourScale} (missing cells grey),
 * an equirectangular frame with longitude and latitude ticks in degrees, a colour bar with tick
 * labels and the units, a title and a subtitle. Cells are drawn with their true extents (edges
 * half-way between centres, clipped at the poles), whatever the order of the coordinates.
 * Drawing needs no display: run with {@code -Djava.awt.headless=true} where there is none.
 * Files are written to a temporary sibling and renamed when complete.
 */
public final class MapFigure {
    private static final int MAX_MAP_WIDTH = 800;
    private static final int MAX_MAP_HEIGHT = 560;
    private static final int MIN_BAR_HEIGHT = 200;
    private static final int LEFT = 58;
    private static final int TOP_TITLE_ONLY = 44;
    private static final int TOP_WITH_SUBTITLE = 62;
    private static final int BOTTOM = 40;
    private static final int BAR_GAP = 22;
    private static final int BAR_WIDTH = 18;
    private static final Color FRAME = new Color(0x222222);
    private static final Color TEXT = new Color(0x111111);
    private static final Color SUBTEXT = new Color(0x555555);

    private MapFigure() {
    }

    /** A drawn map and where its parts are. */
    public record Rendered(BufferedImage image, MapLayout layout) {
    }

    /** A map drawn from a NetCDF file. */
    public record Result(Path png, LatLonSlice slice, MapLayout layout) {
    }

    /**
     * Reads a slice of a variable from a NetCDF file and writes its map as PNG.
     *
     * @throws java.nio.file.NoSuchFileException        when the NetCDF file does not exist
     * @throws org.ferrel.io.netcdf.NetcdfFileException when it is not NetCDF, truncated or unreadable
     * @throws IllegalArgumentException                 naming the file, variable and expected value when the variable
     *                                                  is unknown, not on a latitude-longitude grid, or an index is out
     *                                                  of range
     * @throws IOException                              when the PNG cannot be written (naming it)
     */
    public static Result plot(Path netcdf, LatLonSlice.Request request, MapStyle style, Path png) throws IOException {
        LatLonSlice slice = LatLonSlice.read(netcdf, request);
        MapLayout layout = write(png, MapData.of(slice), style);
        return new Result(png, slice, layout);
    }

    /** Draws the map and writes it as PNG (atomically: a temporary sibling, then a rename). */
    public static MapLayout write(Path png, MapData data, MapStyle style) throws IOException {
        Rendered r = render(data, style);
        Png.write(r.image(), png);
        return r.layout();
    }

    /** Draws the map in memory. */
    public static Rendered render(MapData data, MapStyle style) {
        Grid grid = Grid.of(data);
        double dataMin = Double.POSITIVE_INFINITY;
        double dataMax = Double.NEGATIVE_INFINITY;
        long missing = 0;
        for (double v : data.values()) {
            if (Double.isNaN(v)) {
                missing++;
            } else {
                dataMin = Math.min(dataMin, v);
                dataMax = Math.max(dataMax, v);
            }
        }
        ColourScale scale = style.colourScale(dataMin, dataMax);
        String title = style.title() != null ? style.title() : data.title();
        String subtitle = data.subtitle();

        double lonSpan = grid.lonEdges[grid.nx] - grid.lonEdges[0];
        double latSpan = grid.latEdges[grid.ny] - grid.latEdges[0];
        double ppd = Math.min(MAX_MAP_WIDTH / lonSpan, MAX_MAP_HEIGHT / latSpan);
        int mapW = Math.max(1, (int) Math.round(lonSpan * ppd));
        int mapH = Math.max(1, (int) Math.round(latSpan * ppd));
        int top = subtitle == null || subtitle.isBlank() ? TOP_TITLE_ONLY : TOP_WITH_SUBTITLE;
        int barH = Math.max(mapH, MIN_BAR_HEIGHT);

        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font unitFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        BarTicks ticks = BarTicks.of(scale.low(), scale.high(), Math.max(3, Math.min(8, barH / 40)));
        FontMetrics tm = metrics(tickFont);
        int labelW = 0;
        for (String s : ticks.labels) {
            labelW = Math.max(labelW, tm.stringWidth(s));
        }
        if (missing > 0) {
            labelW = Math.max(labelW, tm.stringWidth("missing"));
        }
        String unitText = unitLabel(data.units(), ticks.exponent);
        int unitH = unitText.isEmpty() ? 0 : metrics(unitFont).getHeight();
        int barX = LEFT + mapW + BAR_GAP;
        int width = barX + BAR_WIDTH + 6 + labelW + 8 + unitH + 12;
        int height = top + barH + BOTTOM;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        MapLayout layout = new MapLayout(width, height, LEFT, top, mapW, mapH, grid.lonEdges[0],
                grid.latEdges[grid.ny], ppd, scale, missing);

        // cells: each pixel takes the colour of the cell its centre falls in
        int[] row = new int[mapW];
        int[] column = new int[mapW];
        for (int px = 0; px < mapW; px++) {
            column[px] = Grid.find(grid.lonEdges, grid.lonEdges[0] + (px + 0.5) / ppd);
        }
        int[] colours = new int[data.values().length];
        for (int k = 0; k < colours.length; k++) {
            colours[k] = scale.rgb(data.values()[k]);
        }
        for (int py = 0; py < mapH; py++) {
            int j = Grid.find(grid.latEdges, grid.latEdges[grid.ny] - (py + 0.5) / ppd);
            int r = grid.rowOf[j];
            for (int px = 0; px < mapW; px++) {
                row[px] = colours[r * grid.nx + grid.columnOf[column[px]]];
            }
            image.setRGB(LEFT, top + py, mapW, 1, row, 0, mapW);
        }

        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, top);
            g.fillRect(0, top, LEFT, height - top);
            g.fillRect(LEFT + mapW, top, width - LEFT - mapW, height - top);
            g.fillRect(LEFT, top + mapH, mapW, height - top - mapH);

            g.setColor(FRAME);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(LEFT - 1, top - 1, mapW + 1, mapH + 1);
            drawAxes(g, layout, grid, tickFont);
            drawColourBar(g, scale, ticks, barX, top, barH, labelW, tickFont, unitFont, unitText, dataMin, dataMax,
                    missing);
            drawTitles(g, title, subtitle, width);
        } finally {
            g.dispose();
        }
        return new Rendered(image, layout);
    }

    private static FontMetrics metrics(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    private static String unitLabel(String units, int exponent) {
        String u = units == null ? "" : units.trim();
        if (exponent == 0) {
            return u;
        }
        String factor = "\u00d710" + superscript(exponent);
        return u.isEmpty() || u.equals("1") ? factor : factor + " " + u;
    }

    private static String superscript(int n) {
        String digits = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";
        StringBuilder b = new StringBuilder(n < 0 ? "\u207b" : "");
        for (char c : Integer.toString(Math.abs(n)).toCharArray()) {
            b.append(digits.charAt(c - '0'));
        }
        return b.toString();
    }

    // ---- axes ----

    private static void drawAxes(Graphics2D g, MapLayout layout, Grid grid, Font font) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        double west = grid.lonEdges[0];
        double east = grid.lonEdges[grid.nx];
        double south = grid.latEdges[0];
        double north = grid.latEdges[grid.ny];
        int mapX = layout.mapX();
        int mapY = layout.mapY();
        int mapW = layout.mapWidth();
        int mapH = layout.mapHeight();
        double ppd = layout.pixelsPerDegree();
        double lonStep = degreeStep(east - west, mapW);
        for (double lon = Math.ceil(west / lonStep - 1e-9) * lonStep; lon <= east + 1e-9; lon += lonStep) {
            int x = mapX + (int) Math.round((lon - west) * ppd);
            x = Math.min(x, mapX + mapW);
            g.setColor(FRAME);
            g.drawLine(x, mapY + mapH + 1, x, mapY + mapH + 5);
            String s = lonLabel(lon, lonStep);
            g.setColor(TEXT);
            g.drawString(s, x - fm.stringWidth(s) / 2, mapY + mapH + 7 + fm.getAscent());
        }
        double latStep = degreeStep(north - south, mapH);
        for (double lat = Math.ceil(south / latStep - 1e-9) * latStep; lat <= north + 1e-9; lat += latStep) {
            int y = mapY + (int) Math.round((north - lat) * ppd);
            y = Math.min(y, mapY + mapH);
            g.setColor(FRAME);
            g.drawLine(mapX - 6, y, mapX - 2, y);
            String s = latLabel(lat, latStep);
            g.setColor(TEXT);
            g.drawString(s, mapX - 8 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
    }

    /** A tick step in degrees giving about 4 to 7 ticks (and at least 45 pixels apart). */
    static double degreeStep(double span, int pixels) {
        double[] steps = {0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180};
        for (double s : steps) {
            if (span / s <= 7 && pixels * s / span >= 45) {
                return s;
            }
        }
        return 180;
    }

    private static String degrees(double value, double step) {
        int decimals = 0;
        while (decimals < 4 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String lonLabel(double lon, double step) {
        double l = lon - 360 * Math.floor((lon + 180) / 360); // to [-180, 180)
        if (Math.abs(l) < 1e-9) {
            return "0\u00b0";
        }
        if (Math.abs(Math.abs(l) - 180) < 1e-9) {
            return "180\u00b0";
        }
        return degrees(Math.abs(l), step) + (l > 0 ? "\u00b0E" : "\u00b0W");
    }

    static String latLabel(double lat, double step) {
        if (Math.abs(lat) < 1e-9) {
            return "0\u00b0";
        }
        return degrees(Math.abs(lat), step) + (lat > 0 ? "\u00b0N" : "\u00b0S");
    }

    // ---- colour bar ----

    private static void drawColourBar(Graphics2D g, ColourScale scale, BarTicks ticks, int barX, int top, int barH,
            int labelW, Font tickFont, Font unitFont, String unitText, double dataMin, double dataMax, long missing) {
        for (int y = 0; y < barH; y++) {
            double t = 1.0 - (y + 0.5) / barH;
            g.setColor(new Color(scale.at(t)));
            g.fillRect(barX, top + y, BAR_WIDTH, 1);
        }
        // triangles where data lie beyond a range the user set
        boolean above = dataMax > scale.high();
        boolean below = dataMin < scale.low();
        int tri = 10;
        if (above) {
            g.setColor(new Color(scale.at(1)));
            g.fillPolygon(new Polygon(new int[] {barX, barX + BAR_WIDTH, barX + BAR_WIDTH / 2},
                    new int[] {top - 1, top - 1, top - 1 - tri}, 3));
            g.setColor(FRAME);
            g.drawPolygon(new Polygon(new int[] {barX, barX + BAR_WIDTH, barX + BAR_WIDTH / 2},
                    new int[] {top - 1, top - 1, top - 1 - tri}, 3));
        }
        if (below) {
            g.setColor(new Color(scale.at(0)));
            g.fillPolygon(new Polygon(new int[] {barX, barX + BAR_WIDTH, barX + BAR_WIDTH / 2},
                    new int[] {top + barH, top + barH, top + barH + tri}, 3));
            g.setColor(FRAME);
            g.drawPolygon(new Polygon(new int[] {barX, barX + BAR_WIDTH, barX + BAR_WIDTH / 2},
                    new int[] {top + barH, top + barH, top + barH + tri}, 3));
        }
        g.setColor(FRAME);
        g.drawRect(barX - 1, top - 1, BAR_WIDTH + 1, barH + 1);
        g.setFont(tickFont);
        FontMetrics fm = g.getFontMetrics();
        for (int k = 0; k < ticks.values.length; k++) {
            int y = top + (int) Math.round((1 - scale.fraction(ticks.values[k])) * barH);
            y = Math.min(y, top + barH);
            g.setColor(FRAME);
            g.drawLine(barX + BAR_WIDTH + 1, y, barX + BAR_WIDTH + 4, y);
            g.setColor(TEXT);
            g.drawString(ticks.labels[k], barX + BAR_WIDTH + 7, y + fm.getAscent() / 2 - 1);
        }
        if (!unitText.isEmpty()) {
            g.setFont(unitFont);
            FontMetrics um = g.getFontMetrics();
            AffineTransform saved = g.getTransform();
            int x = barX + BAR_WIDTH + 7 + labelW + 8 + um.getAscent();
            int y = top + barH / 2 + um.stringWidth(unitText) / 2;
            g.translate(x, y);
            g.rotate(-Math.PI / 2);
            g.setColor(TEXT);
            g.drawString(unitText, 0, 0);
            g.setTransform(saved);
        }
        if (missing > 0) {
            g.setFont(tickFont);
            int y = top + barH + (below ? 16 : 8);
            g.setColor(new Color(ColourScale.MISSING));
            g.fillRect(barX, y, BAR_WIDTH, 10);
            g.setColor(FRAME);
            g.drawRect(barX - 1, y - 1, BAR_WIDTH + 1, 11);
            g.setColor(TEXT);
            g.drawString("missing", barX + BAR_WIDTH + 7, y + 10);
        }
    }

    /** Tick values at 1, 2, 2.5 or 5 times a power of ten, at most maxIntervals + 1 of them, with labels. */
    static final class BarTicks {
        final double[] values;
        final String[] labels;
        final int exponent; // labels are values / 10^exponent

        private BarTicks(double[] values, String[] labels, int exponent) {
            this.values = values;
            this.labels = labels;
            this.exponent = exponent;
        }

        static BarTicks of(double low, double high, int maxIntervals) {
            double range = high - low;
            double raw = range / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude;
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                step = m * magnitude;
                if (range / step <= maxIntervals + 1e-9) {
                    break;
                }
            }
            List<Double> v = new ArrayList<>();
            double first = Math.ceil(low / step - 1e-9) * step;
            for (double x = first; x <= high + step * 1e-9; x += step) {
                v.add(Math.abs(x) < step * 1e-9 ? 0.0 : x);
            }
            double largest = Math.max(Math.abs(low), Math.abs(high));
            int exponent = 0;
            if (largest >= 1e5 || largest < 1e-2) {
                exponent = (int) Math.floor(Math.log10(largest));
            }
            double scaledStep = step / Math.pow(10, exponent);
            int decimals = 0;
            while (decimals < 10 && Math.abs(scaledStep * Math.pow(10, decimals)
                    - Math.rint(scaledStep * Math.pow(10, decimals))) > 1e-6 * scaledStep * Math.pow(10, decimals)) {
                decimals++;
            }
            double[] values = v.stream().mapToDouble(Double::doubleValue).toArray();
            String[] labels = new String[values.length];
            for (int k = 0; k < values.length; k++) {
                double s = values[k] / Math.pow(10, exponent);
                labels[k] = String.format(Locale.ROOT, "%." + decimals + "f", s).replace("-", "\u2212");
                if (labels[k].matches("\u22120(\\.0*)?")) {
                    labels[k] = labels[k].substring(1);
                }
            }
            return new BarTicks(values, labels, exponent);
        }
    }

    // ---- titles ----

    private static void drawTitles(Graphics2D g, String title, String subtitle, int width) {
        int available = width - 2 * 12;
        int y = 24;
        if (title != null && !title.isBlank()) {
            Font f = fit(g, title, Font.BOLD, 16, 12, available);
            g.setFont(f);
            g.setColor(TEXT);
            g.drawString(ellipsize(g.getFontMetrics(), title, available), 12, y);
        }
        if (subtitle != null && !subtitle.isBlank()) {
            Font f = fit(g, subtitle, Font.PLAIN, 12, 10, available);
            g.setFont(f);
            g.setColor(SUBTEXT);
            g.drawString(ellipsize(g.getFontMetrics(), subtitle, available), 12, y + 20);
        }
    }

    private static Font fit(Graphics2D g, String text, int style, int size, int smallest, int available) {
        for (int s = size; s > smallest; s--) {
            Font f = new Font(Font.SANS_SERIF, style, s);
            if (g.getFontMetrics(f).stringWidth(text) <= available) {
                return f;
            }
        }
        return new Font(Font.SANS_SERIF, style, smallest);
    }

    private static String ellipsize(FontMetrics fm, String text, int available) {
        if (fm.stringWidth(text) <= available) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && fm.stringWidth(t + "\u2026") > available) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "\u2026";
    }

    // ---- the grid: cell edges in increasing order, and where each sorted cell is in the data ----

    static final class Grid {
        final int nx;
        final int ny;
        final double[] lonEdges; // nx + 1, increasing (unwrapped, so possibly beyond 360)
        final double[] latEdges; // ny + 1, increasing, within [-90, 90]
        final int[] columnOf; // sorted column -> data column
        final int[] rowOf; // sorted row -> data row

        private Grid(double[] lonEdges, double[] latEdges, int[] columnOf, int[] rowOf) {
            this.nx = columnOf.length;
            this.ny = rowOf.length;
            this.lonEdges = lonEdges;
            this.latEdges = latEdges;
            this.columnOf = columnOf;
            this.rowOf = rowOf;
        }

        static Grid of(MapData data) {
            double[] lon = data.longitudes();
            double[] lat = data.latitudes();
            int nx = lon.length;
            int ny = lat.length;
            int[] columnOf = new int[nx];
            boolean lonDescending = nx > 1 && lon[nx - 1] < lon[0] && isDescendingWrapped(lon);
            double[] sortedLon = new double[nx];
            for (int i = 0; i < nx; i++) {
                columnOf[i] = lonDescending ? nx - 1 - i : i;
                sortedLon[i] = lon[columnOf[i]];
            }
            // unwrap jumps of 360 degrees (e.g. 180..359 then 0..179)
            for (int i = 1; i < nx; i++) {
                while (sortedLon[i] <= sortedLon[i - 1]) {
                    sortedLon[i] += 360;
                    if (sortedLon[i] - sortedLon[0] > 720) {
                        throw new IllegalArgumentException("longitudes are not monotonic (at column " + i + ": "
                                + lon[columnOf[i]] + " after " + lon[columnOf[i - 1]] + ")");
                    }
                }
            }
            if (sortedLon[nx - 1] - sortedLon[0] >= 360) {
                throw new IllegalArgumentException("longitudes are not monotonic or span more than 360 degrees ("
                        + lon[0] + " .. " + lon[nx - 1] + ")");
            }
            int[] rowOf = new int[ny];
            boolean latDescending = ny > 1 && lat[ny - 1] < lat[0];
            double[] sortedLat = new double[ny];
            for (int j = 0; j < ny; j++) {
                rowOf[j] = latDescending ? ny - 1 - j : j;
                sortedLat[j] = lat[rowOf[j]];
                if (j > 0 && !(sortedLat[j] > sortedLat[j - 1])) {
                    throw new IllegalArgumentException("latitudes are not monotonic (" + lat[rowOf[j - 1]] + " then "
                            + lat[rowOf[j]] + ")");
                }
                if (Math.abs(sortedLat[j]) > 90 + 1e-6) {
                    throw new IllegalArgumentException("latitude " + sortedLat[j] + " is outside -90 .. 90");
                }
            }
            double[] lonEdges = edges(sortedLon, 1.0);
            if (lonEdges[nx] - lonEdges[0] > 360) {
                // a global grid: the outer half cells would overlap; split the overlap
                double excess = (lonEdges[nx] - lonEdges[0] - 360) / 2;
                lonEdges[0] += excess;
                lonEdges[nx] -= excess;
            }
            double[] latEdges = edges(sortedLat, 1.0);
            for (int j = 0; j <= ny; j++) {
                latEdges[j] = Math.max(-90, Math.min(90, latEdges[j]));
            }
            // a first or last row no further from a pole than half its height (Gaussian grids, C-grid corners) reaches it
            if (ny > 1 && 90 + latEdges[0] <= 0.5 * (latEdges[1] - latEdges[0]) + 1e-9) {
                latEdges[0] = -90;
            }
            if (ny > 1 && 90 - latEdges[ny] <= 0.5 * (latEdges[ny] - latEdges[ny - 1]) + 1e-9) {
                latEdges[ny] = 90;
            }
            return new Grid(lonEdges, latEdges, columnOf, rowOf);
        }

        private static boolean isDescendingWrapped(double[] lon) {
            int down = 0;
            int up = 0;
            for (int i = 1; i < lon.length; i++) {
                if (lon[i] < lon[i - 1]) {
                    down++;
                } else if (lon[i] > lon[i - 1]) {
                    up++;
                }
            }
            return down > up;
        }

        private static double[] edges(double[] centres, double single) {
            int n = centres.length;
            double[] e = new double[n + 1];
            if (n == 1) {
                e[0] = centres[0] - single / 2;
                e[1] = centres[0] + single / 2;
                return e;
            }
            for (int i = 1; i < n; i++) {
                e[i] = 0.5 * (centres[i - 1] + centres[i]);
            }
            e[0] = centres[0] - (e[1] - centres[0]);
            e[n] = centres[n - 1] + (centres[n - 1] - e[n - 1]);
            return e;
        }

        /** The cell k with edges[k] <= x < edges[k + 1], clamped to the grid. */
        static int find(double[] edges, double x) {
            int lo = 0;
            int hi = edges.length - 2;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (edges[mid] <= x) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }
}
