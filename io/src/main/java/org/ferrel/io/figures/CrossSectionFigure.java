package org.ferrel.io.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A latitude-height section as PNG: a field on latitudes (x, south to north) and sigma levels (y, the
 * model top at the top, the surface at the bottom), such as a zonal-mean wind, each cell coloured by a
 * {@link ColourScale}, with zero drawn as a black line where the field changes sign, axes in degrees
 * and sigma, and a colour bar.
 */
public final class CrossSectionFigure {
    private static final int LEFT = 70;
    private static final int TOP = 50;
    private static final int PLOT_W = 640;
    private static final int PLOT_H = 400;
    private static final int BAR_X = LEFT + PLOT_W + 24;
    private static final int BAR_W = 18;
    private static final int WIDTH = BAR_X + BAR_W + 110;
    private static final int HEIGHT = TOP + PLOT_H + 60;

    private CrossSectionFigure() {
    }

    /**
     * Draws the section and writes it (atomically).
     *
     * @param latitudes [degrees north] of the columns, increasing
     * @param sigma     sigma of the rows, increasing downwards (top first)
     * @param values    [sigma.length * latitudes.length], row r (level) then column c (latitude)
     */
    public static void write(Path png, double[] latitudes, double[] sigma, double[] values, String title, String units,
                             ColourScale.Kind kind) throws IOException {
        if (values.length != latitudes.length * sigma.length) {
            throw new IllegalArgumentException("section values: " + values.length + ", expected " + sigma.length
                    + " levels x " + latitudes.length + " latitudes");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        ColourScale scale = ColourScale.forData(min, max, kind);
        double[] latEdges = edges(latitudes, -90, 90);
        double[] sigmaEdges = edges(sigma, 0, 1);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int nx = latitudes.length;
            for (int py = 0; py < PLOT_H; py++) {
                double s = (py + 0.5) / PLOT_H;
                int r = MapFigure.Grid.find(sigmaEdges, s);
                for (int px = 0; px < PLOT_W; px++) {
                    double lat = -90 + 180.0 * (px + 0.5) / PLOT_W;
                    int c = MapFigure.Grid.find(latEdges, lat);
                    image.setRGB(LEFT + px, TOP + py, scale.rgb(values[r * nx + c]));
                }
            }
            // the zero line: between horizontally or vertically adjacent pixels of opposite sign
            if (min < 0 && max > 0) {
                g.setColor(Color.BLACK);
                for (int py = 0; py < PLOT_H; py++) {
                    int r = MapFigure.Grid.find(sigmaEdges, (py + 0.5) / PLOT_H);
                    int rBelow = MapFigure.Grid.find(sigmaEdges, Math.min(PLOT_H - 1, py + 1 + 0.5) / PLOT_H);
                    for (int px = 0; px + 1 < PLOT_W; px++) {
                        int c = MapFigure.Grid.find(latEdges, -90 + 180.0 * (px + 0.5) / PLOT_W);
                        int cRight = MapFigure.Grid.find(latEdges, -90 + 180.0 * (px + 1.5) / PLOT_W);
                        double v = values[r * nx + c];
                        if (v * values[r * nx + cRight] < 0 || v * values[rBelow * nx + c] < 0) {
                            image.setRGB(LEFT + px, TOP + py, 0);
                        }
                    }
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(LEFT - 1, TOP - 1, PLOT_W + 1, PLOT_H + 1);
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            for (int lat = -90; lat <= 90; lat += 30) {
                int x = LEFT + (int) Math.round((lat + 90) / 180.0 * PLOT_W);
                g.drawLine(x, TOP + PLOT_H, x, TOP + PLOT_H + 5);
                String s = lat == 0 ? "0" : Math.abs(lat) + (lat > 0 ? "N" : "S");
                g.drawString(s, x - fm.stringWidth(s) / 2, TOP + PLOT_H + 20);
            }
            for (int k = 0; k <= 5; k++) {
                double s = k / 5.0;
                int y = TOP + (int) Math.round(s * PLOT_H);
                g.drawLine(LEFT - 5, y, LEFT, y);
                String label = String.format(Locale.ROOT, "%.1f", s);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + 4);
            }
            g.drawString("latitude", LEFT + PLOT_W / 2 - fm.stringWidth("latitude") / 2, TOP + PLOT_H + 40);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString("sigma = p / ps", -(TOP + PLOT_H / 2 + fm.stringWidth("sigma = p / ps") / 2), 20);
            rotated.dispose();
            for (int py = 0; py < PLOT_H; py++) {
                double value = scale.high() - (scale.high() - scale.low()) * (py + 0.5) / PLOT_H;
                g.setColor(new Color(scale.rgb(value)));
                g.drawLine(BAR_X, TOP + py, BAR_X + BAR_W, TOP + py);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(BAR_X, TOP, BAR_W, PLOT_H);
            for (int k = 0; k <= 4; k++) {
                double value = scale.high() - (scale.high() - scale.low()) * k / 4.0;
                int y = TOP + (int) Math.round(k / 4.0 * PLOT_H);
                g.drawLine(BAR_X + BAR_W, y, BAR_X + BAR_W + 4, y);
                g.drawString(String.format(Locale.ROOT, "%.3g", value), BAR_X + BAR_W + 7, y + 4);
            }
            g.drawString(units == null ? "" : units, BAR_X, TOP - 8);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, TOP - 20);
        } finally {
            g.dispose();
        }
        Png.write(image, png);
    }

    /** Cell edges midway between centres, the outer ones at {@code first} and {@code last}. */
    private static double[] edges(double[] centres, double first, double last) {
        double[] e = new double[centres.length + 1];
        e[0] = first;
        for (int i = 1; i < centres.length; i++) {
            e[i] = 0.5 * (centres[i - 1] + centres[i]);
        }
        e[centres.length] = last;
        return e;
    }
}
