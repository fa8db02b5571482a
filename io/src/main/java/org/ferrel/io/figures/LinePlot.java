package org.ferrel.io.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small line plot with logarithmic or linear axes, written as a PNG (headless AWT). */
public final class LinePlot {
    /** One curve: markers, a line, or both. */
    public record Series(String label, double[] x, double[] y, Color color, boolean line, boolean markers) {
    }

    private static final int WIDTH = 820;
    private static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();

    public LinePlot(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
        this.logY = logY;
    }

    public LinePlot add(Series s) {
        series.add(s);
        return this;
    }

    private double tx(double v) {
        return logX ? Math.log10(v) : v;
    }

    private double ty(double v) {
        return logY ? Math.log10(v) : v;
    }

    /** Writes the PNG to a temporary name, then renames it. */
    public void write(Path file) throws IOException {
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(tx(s.x()[i])) || !Double.isFinite(ty(s.y()[i]))) {
                    continue;
                }
                x0 = Math.min(x0, tx(s.x()[i]));
                x1 = Math.max(x1, tx(s.x()[i]));
                y0 = Math.min(y0, ty(s.y()[i]));
                y1 = Math.max(y1, ty(s.y()[i]));
            }
        }
        if (logX) {
            x0 = Math.floor(x0);
            x1 = Math.ceil(x1);
        }
        if (logY) {
            y0 = Math.floor(y0);
            y1 = Math.ceil(y1);
        } else {
            double pad = 0.05 * (y1 - y0 == 0 ? 1 : y1 - y0);
            y0 -= pad;
            y1 += pad;
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int pw = WIDTH - LEFT - RIGHT;
        int ph = HEIGHT - TOP - BOTTOM;
        final double fx0 = x0;
        final double fx1 = x1;
        final double fy0 = y0;
        final double fy1 = y1;
        java.util.function.DoubleUnaryOperator px = v -> LEFT + (v - fx0) / (fx1 - fx0) * pw;
        java.util.function.DoubleUnaryOperator py = v -> TOP + ph - (v - fy0) / (fy1 - fy0) * ph;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        // grid and ticks
        g.setStroke(new BasicStroke(1f));
        for (double t : ticks(x0, x1, logX)) {
            double p = px.applyAsDouble(t);
            g.setColor(new Color(230, 230, 230));
            g.draw(new Line2D.Double(p, TOP, p, TOP + ph));
            g.setColor(Color.DARK_GRAY);
            String label = logX ? "1e" + (int) Math.round(t) : format(t);
            g.drawString(label, (int) p - g.getFontMetrics().stringWidth(label) / 2, TOP + ph + 20);
        }
        for (double t : ticks(y0, y1, logY)) {
            double p = py.applyAsDouble(t);
            g.setColor(new Color(230, 230, 230));
            g.draw(new Line2D.Double(LEFT, p, LEFT + pw, p));
            g.setColor(Color.DARK_GRAY);
            String label = logY ? "1e" + (int) Math.round(t) : format(t);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), (int) p + 5);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, pw, ph);
        // series
        int legendY = TOP + 20;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(tx(s.x()[i])) || !Double.isFinite(ty(s.y()[i]))) {
                    continue;
                }
                double ax = px.applyAsDouble(tx(s.x()[i]));
                double ay = py.applyAsDouble(ty(s.y()[i]));
                if (s.line() && i > 0 && Double.isFinite(tx(s.x()[i - 1])) && Double.isFinite(ty(s.y()[i - 1]))) {
                    g.draw(new Line2D.Double(px.applyAsDouble(tx(s.x()[i - 1])), py.applyAsDouble(ty(s.y()[i - 1])), ax, ay));
                }
                if (s.markers()) {
                    g.fillOval((int) ax - 4, (int) ay - 4, 8, 8);
                }
            }
            g.fillRect(LEFT + pw - 260, legendY - 9, 18, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), LEFT + pw - 235, legendY);
            legendY += 20;
        }
        // labels
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, TOP - 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(xLabel, LEFT + pw / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, HEIGHT - 20);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(TOP + ph / 2) - g.getFontMetrics().stringWidth(yLabel) / 2, 22);
        rotated.dispose();
        g.dispose();
        Png.write(image, file);
    }

    private static List<Double> ticks(double lo, double hi, boolean log) {
        List<Double> t = new ArrayList<>();
        if (log) {
            int step = Math.max(1, (int) Math.ceil((hi - lo) / 10));
            for (double v = lo; v <= hi + 1e-9; v += step) {
                t.add(v);
            }
            return t;
        }
        double raw = (hi - lo) / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
        for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-12; v += step) {
            t.add(v);
        }
        return t;
    }

    private static String format(double v) {
        return Math.abs(v) < 1e-12 ? "0" : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-2
                ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
