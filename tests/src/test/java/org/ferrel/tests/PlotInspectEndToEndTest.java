package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferrel plot} and {@code ferrel inspect} on the output of a run, as a user calls them. */
class PlotInspectEndToEndTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void run() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), BadInputEndToEndTest.GOOD);
        Cli.Outcome o = Cli.run(dir, "run", "s.yaml", "-o", "out", "--progress", "none");
        assertEquals(0, o.exitCode(), o.toString());
    }

    @Test
    void plotWritesAPngMapWithColourBar() throws Exception {
        Cli.Outcome o = Cli.run(dir, "plot", "out/small.nc", "--var", "h", "--time", "last");
        assertEquals(0, o.exitCode(), o.toString());
        Path png = dir.resolve("out/small_h.png");
        assertEquals("out/small_h.png", o.stdout().strip());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 600 && image.getHeight() > 300, image.getWidth() + " x " + image.getHeight());
        // the map is not blank: many distinct colours
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, colours.size() + " colours");
        Cli.Outcome named = Cli.run(dir, "plot", "out/small.nc", "--var", "vorticity", "--time", "0", "-o", "z.png",
                "--scale", "diverging", "--range", "-1e-5,1e-5");
        assertEquals(0, named.exitCode(), named.toString());
        assertTrue(Files.exists(dir.resolve("z.png")));
    }

    @Test
    void plotErrorsAreClear() throws Exception {
        Cli.Outcome unknown = Cli.run(dir, "plot", "out/small.nc", "--var", "pressure");
        assertEquals(3, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.stderr().contains("pressure") && unknown.stderr().contains("vorticity"), unknown.stderr());
        Cli.Outcome range = Cli.run(dir, "plot", "out/small.nc", "--var", "h", "--time", "99");
        assertEquals(3, range.exitCode(), range.toString());
        assertTrue(range.stderr().contains("0..4"), range.stderr());
        Files.write(dir.resolve("cut.nc"), java.util.Arrays.copyOf(Files.readAllBytes(dir.resolve("out/small.nc")), 5000));
        Cli.Outcome cut = Cli.run(dir, "plot", "cut.nc", "--var", "h");
        assertEquals(3, cut.exitCode(), cut.toString());
        assertTrue(cut.stderr().contains("cut.nc: truncated"), cut.stderr());
        assertFalse(Files.exists(dir.resolve("cut_h.png")), "nothing written on error");
        Cli.Outcome missing = Cli.run(dir, "plot", "nowhere.nc", "--var", "h");
        assertEquals(3, missing.exitCode(), missing.toString());
        assertEquals("ferrel plot: error: nowhere.nc: no such file", missing.stderr().strip());
        Cli.Outcome noVar = Cli.run(dir, "plot", "out/small.nc");
        assertEquals(2, noVar.exitCode(), noVar.toString());
    }

    @Test
    void inspectSummarisesVariablesUnitsAndRanges() throws Exception {
        Cli.Outcome o = Cli.run(dir, "inspect", "out/small.nc");
        assertEquals(0, o.exitCode(), o.toString());
        String s = o.stdout();
        assertTrue(s.startsWith("small.nc: NetCDF-3 64-bit offset"), s);
        assertTrue(s.contains("time = 5 (unlimited)"), s);
        assertTrue(s.contains("double h(time=5, lat=16, lon=32)"), s);
        assertTrue(s.contains("-> dates 2000-01-01 .. 2000-01-02"), s);
        assertTrue(s.contains("Conventions = \"CF-1.8\""), s);
        Cli.Outcome bad = Cli.run(dir, "inspect", "s.yaml");
        assertEquals(3, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().contains("s.yaml: not a NetCDF file"), bad.stderr());
    }
}
