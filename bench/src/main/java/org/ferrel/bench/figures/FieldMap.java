package org.ferrel.bench.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A longitude-latitude map of a field stored [ny][nx] (row 0 south), drawn as cells with a
 * diverging or sequential colour scale, a colour bar, a title and units. Coastline-free.
 */
public final class FieldMap {
    private FieldMap() {
    }

    /** Writes the map; {@code symmetric} centres the colour scale on zero. */
    public static void write(Path file, double[] field, int nx, int ny, String title, String units, boolean symmetric)
            throws IOException {
        int cell = Math.max(2, 768 / nx);
        int mapW = nx * cell;
        int mapH = ny * cell;
        int left = 60;
        int top = 50;
        int width = left + mapW + 130;
        int height = top + mapH + 60;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double v : field) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (symmetric) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -m;
            hi = m;
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double t = (field[j * nx + i] - lo) / (hi - lo);
                g.setColor(symmetric ? diverging(t) : sequential(t));
                g.fillRect(left + i * cell, top + (ny - 1 - j) * cell, cell, cell);
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, mapW, mapH);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int lat = -90; lat <= 90; lat += 30) {
            int y = top + (int) Math.round((90 - lat) / 180.0 * mapH);
            g.drawLine(left - 4, y, left, y);
            g.drawString(lat + "°", left - 40, y + 4);
        }
        for (int lon = 0; lon <= 360; lon += 60) {
            int x = left + (int) Math.round(lon / 360.0 * mapW);
            g.drawLine(x, top + mapH, x, top + mapH + 4);
            g.drawString(lon + "°E", x - 14, top + mapH + 18);
        }
        // colour bar
        int barX = left + mapW + 20;
        for (int y = 0; y < mapH; y++) {
            double t = 1.0 - (double) y / mapH;
            g.setColor(symmetric ? diverging(t) : sequential(t));
            g.fillRect(barX, top + y, 18, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(barX, top, 18, mapH);
        for (int k = 0; k <= 4; k++) {
            double v = hi - k * (hi - lo) / 4;
            int y = top + k * mapH / 4;
            g.drawString(String.format(Locale.ROOT, Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v != 0) ? "%.2e" : "%.1f", v),
                    barX + 24, y + 4);
        }
        g.drawString(units, barX, top - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, top - 20);
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ImageIO.write(image, "png", tmp.toFile());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Blue - white - red. */
    private static Color diverging(double t) {
        t = Math.max(0, Math.min(1, t));
        if (t < 0.5) {
            double s = t / 0.5;
            return new Color((int) (40 + 215 * s), (int) (70 + 185 * s), 255);
        }
        double s = (t - 0.5) / 0.5;
        return new Color(255, (int) (255 - 205 * s), (int) (255 - 215 * s));
    }

    /** A viridis-like sequential scale. */
    private static Color sequential(double t) {
        t = Math.max(0, Math.min(1, t));
        double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double x = t * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) x);
        double f = x - k;
        return new Color((int) (stops[k][0] + f * (stops[k + 1][0] - stops[k][0])),
                (int) (stops[k][1] + f * (stops[k + 1][1] - stops[k][1])),
                (int) (stops[k][2] + f * (stops[k + 1][2] - stops[k][2])));
    }
}
