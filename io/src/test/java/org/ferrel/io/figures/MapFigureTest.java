package org.ferrel.io.figures;

import static org.ferrel.io.netcdf.SampleFiles.LAT;
import static org.ferrel.io.netcdf.SampleFiles.LON;
import static org.ferrel.io.netcdf.SampleFiles.NX;
import static org.ferrel.io.netcdf.SampleFiles.NY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.ferrel.dycore.grid.LatLonGrid;
import org.ferrel.dycore.grid.Location;
import org.ferrel.io.netcdf.LatLonSlice;
import org.ferrel.io.netcdf.SampleFiles;
import org.ferrel.io.netcdf.TimeIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maps as PNG: decoded, each cell's pixel has its value's colour, missing cells grey, scales chosen right. */
class MapFigureTest {
    private static final Path REAL = Path.of("/work/shared/data/air.sig995.mon.ltm.1981-2010.nc");

    private static BufferedImage decode(Path png, MapLayout layout) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(layout.width(), image.getWidth());
        assertEquals(layout.height(), image.getHeight());
        return image;
    }

    private static int pixel(BufferedImage image, MapLayout layout, double lon, double lat) {
        return image.getRGB(layout.x(lon), layout.y(lat)) & 0xffffff;
    }

    @Test
    void drawsHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests run with java.awt.headless=true (see io/pom.xml)");
    }

    @Test
    void cellsHaveTheirColoursAndMissingCellsAreGrey(@TempDir Path dir) throws IOException {
        Path nc = SampleFiles.sample(dir);
        Path png = dir.resolve("maps/h-first.png");
        MapFigure.Result r = MapFigure.plot(nc, LatLonSlice.Request.of("h").withTime(TimeIndex.first()), MapStyle.AUTO,
                png);
        MapLayout layout = r.layout();
        BufferedImage image = decode(png, layout);
        // h at t = 0 spans -25 .. 10: a diverging scale symmetric about zero
        ColourScale scale = layout.scale();
        assertEquals(ColourScale.Kind.DIVERGING, scale.kind());
        assertEquals(-25, scale.low());
        assertEquals(25, scale.high());
        for (int j = 0; j < NY; j++) {
            for (int i = 0; i < NX; i++) {
                int expected = SampleFiles.hMissing(j, i) ? ColourScale.MISSING : scale.rgb(SampleFiles.h(0, j, i));
                assertEquals(expected, pixel(image, layout, LON[i], LAT[j]), "cell " + j + ", " + i);
            }
        }
        assertEquals(1, layout.missing());
        // the scale's ends and centre: h = -25 at (0, 0) is the darkest blue, h = 0 at (2, 5) near-white
        assertEquals(0x053061, pixel(image, layout, LON[0], LAT[0]));
        assertEquals(0xf7f7f7, pixel(image, layout, LON[5], LAT[2]));
        assertEquals(0x9a9a9a, pixel(image, layout, LON[2], LAT[1]));
        // the map covers the globe at 2.22 pixels per degree, north up
        assertEquals(800, layout.mapWidth());
        assertEquals(400, layout.mapHeight());
        assertEquals(90, layout.north());
        assertTrue(layout.y(LAT[3]) < layout.y(LAT[0]));
        assertTrue(r.slice().selections().getFirst().contains("2000-01-01"));
    }

    @Test
    void positiveDataGetASequentialScale(@TempDir Path dir) throws IOException {
        Path nc = SampleFiles.sample(dir);
        Path png = dir.resolve("h-last.png");
        MapLayout layout = MapFigure.plot(nc, LatLonSlice.Request.of("h").withTime(TimeIndex.last()), MapStyle.AUTO,
                png).layout();
        BufferedImage image = decode(png, layout);
        assertEquals(ColourScale.Kind.SEQUENTIAL, layout.scale().kind());
        assertEquals(SampleFiles.h(2, 0, 0), layout.scale().low());
        assertEquals(SampleFiles.h(2, 3, 5), layout.scale().high());
        assertEquals(0x440154, pixel(image, layout, LON[0], LAT[0]), "the lowest value: dark purple");
        assertEquals(0xfde725, pixel(image, layout, LON[5], LAT[3]), "the highest: yellow");
    }

    @Test
    void theUserCanForceTheScaleAndRange(@TempDir Path dir) throws IOException {
        Path nc = SampleFiles.sample(dir);
        Path png = dir.resolve("forced.png");
        MapStyle style = MapStyle.of(ColourScale.Kind.SEQUENTIAL).withRange(-10.0, 0.0).withTitle("forced");
        MapLayout layout = MapFigure.plot(nc, LatLonSlice.Request.of("h").withTime(TimeIndex.first()), style, png)
                .layout();
        BufferedImage image = decode(png, layout);
        assertEquals(new ColourScale(ColourScale.Kind.SEQUENTIAL, -10, 0), layout.scale());
        assertEquals(0x440154, pixel(image, layout, LON[0], LAT[0]), "below the range: the low end");
        assertEquals(0xfde725, pixel(image, layout, LON[5], LAT[3]), "above the range: the high end");
        assertEquals(layout.scale().rgb(-5), pixel(image, layout, LON[0], LAT[2]));
        // diverging forced on positive data: symmetric about zero
        MapLayout d = MapFigure.plot(nc, LatLonSlice.Request.of("h"), MapStyle.of(ColourScale.Kind.DIVERGING),
                dir.resolve("div.png")).layout();
        assertEquals(-d.scale().low(), d.scale().high());
        assertThrows(IllegalArgumentException.class, () -> new MapStyle(null, 1.0, 1.0, null));
    }

    @Test
    void transposedDescendingGridIsDrawnNorthUp(@TempDir Path dir) throws IOException {
        Path nc = SampleFiles.flipped(dir);
        Path png = dir.resolve("w.png");
        MapLayout layout = MapFigure.plot(nc, LatLonSlice.Request.of("w"), MapStyle.AUTO, png).layout();
        BufferedImage image = decode(png, layout);
        assertEquals(-180, layout.west(), 1e-9);
        for (int r = 0; r < SampleFiles.FLIPPED_LAT.length; r++) {
            for (int c = 0; c < SampleFiles.FLIPPED_LON.length; c++) {
                assertEquals(layout.scale().rgb(SampleFiles.w(c, r)), pixel(image, layout, SampleFiles.FLIPPED_LON[c],
                        SampleFiles.FLIPPED_LAT[r]), "cell lon " + c + ", lat " + r);
            }
        }
        // row 0 is the northernmost: at the top of the map
        assertTrue(layout.y(SampleFiles.FLIPPED_LAT[0]) < layout.y(SampleFiles.FLIPPED_LAT[3]));
        assertEquals(layout.scale().rgb(SampleFiles.w(0, 0)), image.getRGB(layout.mapX() + 1, layout.mapY() + 1)
                & 0xffffff, "the north-west corner");
    }

    /** A field f(lon, lat) on 8 x 4 cells, longitudes as given. */
    private static MapData field(double[] lon) {
        double[] lat = {-67.5, -22.5, 22.5, 67.5};
        double[] v = new double[lat.length * lon.length];
        for (int j = 0; j < lat.length; j++) {
            for (int i = 0; i < lon.length; i++) {
                v[j * lon.length + i] = Math.cos(Math.toRadians(lon[i])) + lat[j] / 100;
            }
        }
        return new MapData(lon, lat, v, "f", null, "1");
    }

    @Test
    void longitudeConventionsGiveTheSameColoursAtTheSamePlace() {
        MapData east = field(new double[] {0, 45, 90, 135, 180, 225, 270, 315});
        MapData centred = field(new double[] {-180, -135, -90, -45, 0, 45, 90, 135});
        MapData descending = field(new double[] {315, 270, 225, 180, 135, 90, 45, 0});
        MapData wrapped = field(new double[] {180, 225, 270, 315, 0, 45, 90, 135});
        MapFigure.Rendered a = MapFigure.render(east, MapStyle.AUTO);
        for (MapData other : List.of(centred, descending, wrapped)) {
            MapFigure.Rendered b = MapFigure.render(other, MapStyle.AUTO);
            assertEquals(a.layout().scale(), b.layout().scale());
            for (double lon = 0; lon < 360; lon += 45) {
                for (double lat : new double[] {-67.5, 22.5}) {
                    assertEquals(a.image().getRGB(a.layout().x(lon), a.layout().y(lat)),
                            b.image().getRGB(b.layout().x(lon), b.layout().y(lat)), "lon " + lon + ", lat " + lat);
                }
            }
        }
        // a regional grid across the date line: 150E .. 150W
        MapData pacific = new MapData(new double[] {150, 170, -170, -150}, new double[] {-10, 10},
                new double[] {1, 2, 3, 4, 5, 6, 7, 8}, "Pacific", null, null);
        MapFigure.Rendered p = MapFigure.render(pacific, MapStyle.AUTO);
        assertEquals(140, p.layout().west(), 1e-9);
        assertEquals(p.layout().scale().rgb(7), p.image().getRGB(p.layout().x(-170), p.layout().y(10)) & 0xffffff);
        assertEquals(800, p.layout().mapWidth());
    }

    @Test
    void aModelGridFieldAsBenchDrawsIt(@TempDir Path dir) throws IOException {
        LatLonGrid grid = LatLonGrid.earth(30);
        double[] v = new double[grid.nx() * grid.ny()];
        for (int k = 0; k < v.length; k++) {
            v[k] = k;
        }
        Path png = dir.resolve("grid.png");
        MapLayout layout = MapFigure.write(png, MapData.of(grid, Location.CENTER, v, "ramp", "m"), MapStyle.AUTO);
        BufferedImage image = decode(png, layout);
        // cell (j = 4, i = 7): centre at 210 E, 45 N
        assertEquals(layout.scale().rgb(4 * grid.nx() + 7), pixel(image, layout, 210, 45));
        assertEquals(-15, layout.west(), 1e-9);
    }

    @Test
    void writesAtomicallyAndReplaces(@TempDir Path dir) throws IOException {
        Path nc = SampleFiles.sample(dir);
        Path png = dir.resolve("out.png");
        Files.writeString(png, "old");
        MapFigure.plot(nc, LatLonSlice.Request.of("tp"), MapStyle.AUTO, png);
        assertTrue(ImageIO.read(png.toFile()) != null);
        try (var files = Files.list(dir)) {
            assertEquals(List.of("out.png", "sample.nc"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aBadRequestWritesNothing(@TempDir Path dir) throws IOException {
        Path nc = SampleFiles.sample(dir);
        Path png = dir.resolve("bad.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapFigure.plot(nc, LatLonSlice.Request.of("nope"), MapStyle.AUTO, png));
        assertTrue(e.getMessage().contains("sample.nc: no variable 'nope'"), e.getMessage());
        assertFalse(Files.exists(png));
    }

    @Test
    void colourBarTicksAreRoundNumbers() {
        MapFigure.BarTicks t = MapFigure.BarTicks.of(-37.23, 37.23, 8);
        assertArrayEquals(new double[] {-30, -20, -10, 0, 10, 20, 30}, t.values, 1e-9);
        assertEquals("\u221230", t.labels[0]);
        assertEquals("0", t.labels[3]);
        MapFigure.BarTicks small = MapFigure.BarTicks.of(0, 3e-5, 8);
        assertEquals(-5, small.exponent);
        assertEquals("0.5", small.labels[1]);
        MapFigure.BarTicks big = MapFigure.BarTicks.of(49000, 57000, 5);
        assertEquals(0, big.exponent);
        assertArrayEquals(new double[] {50000, 52000, 54000, 56000}, big.values, 1e-9);
        assertEquals("50000", big.labels[0]);
        assertEquals("120\u00b0W", MapFigure.lonLabel(240, 60));
        assertEquals("180\u00b0", MapFigure.lonLabel(-180, 60));
        assertEquals("0\u00b0", MapFigure.lonLabel(360, 60));
        assertEquals("30\u00b0S", MapFigure.latLabel(-30, 30));
        assertEquals("2.5\u00b0N", MapFigure.latLabel(2.5, 2.5));
    }

    /** Extra: the NetCDF-4 reanalysis file, latitudes north to south. */
    @Test
    void realNetcdf4File(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isReadable(REAL), "no " + REAL);
        Path png = dir.resolve("air.png");
        MapFigure.Result r = MapFigure.plot(REAL, LatLonSlice.Request.of("air").withTime(TimeIndex.last()),
                MapStyle.AUTO, png);
        assertEquals("1981-12-01 .. 2010-12-01 (climatology)", r.slice().time());
        BufferedImage image = decode(png, r.layout());
        LatLonSlice s = r.slice();
        int nx = s.longitudes().length;
        for (int row : new int[] {4, 36, 68}) {
            for (int col : new int[] {0, 48, 100}) {
                assertEquals(r.layout().scale().rgb(s.values()[row * nx + col]),
                        pixel(image, r.layout(), s.longitudes()[col], s.latitudes()[row]));
            }
        }
        assertEquals(90, r.layout().north(), 1e-9);
        assertEquals(ColourScale.Kind.DIVERGING, r.layout().scale().kind());
    }
}
