package org.ferrel.calibration.ebm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.ferrel.physics.ebm.EbmGrid;
import org.junit.jupiter.api.Test;

/**
 * The NCEP annual zonal means: against the shared files (skipped without them), the committed CSV
 * profiles, their averaging onto the energy balance grid, and the OLR-temperature regressions.
 */
class NcepClimatologyTest {

    @Test
    void sharedFilesGiveTheCommittedProfilesAndTheSanityFigures() throws Exception {
        Optional<Path> shared = EbmTestData.shared();
        assumeTrue(shared.isPresent(), "../shared/data is absent");
        NcepClimatology c = NcepClimatology.read(shared.get());
        if (Boolean.getBoolean("ferrel.writeEbmData")) {
            c.writeCsv(Path.of("src/test/resources/ebm"));
        }
        NcepClimatology committed = EbmTestData.climatology();
        assertArrayEquals(c.airLatitudes(), committed.airLatitudes(), 0.0);
        assertArrayEquals(c.airTemperature(), committed.airTemperature(), 0.0);
        assertArrayEquals(c.latitudes(), committed.latitudes(), 0.0);
        assertArrayEquals(c.skinTemperature(), committed.skinTemperature(), 0.0);
        assertArrayEquals(c.outgoingLongwave(), committed.outgoingLongwave(), 0.0);
        assertArrayEquals(c.insolation(), committed.insolation(), 0.0);
        assertArrayEquals(c.reflectedShortwave(), committed.reflectedShortwave(), 0.0);
    }

    @Test
    void globalMeansMatchSourcesMd() {
        // SOURCES.md: area-weighted annual global means air 14.06 °C, skt 14.8 °C, OLR 237.7 W m-2 (months
        // weighted equally there, by their lengths here)
        NcepClimatology c = EbmTestData.climatology();
        double air = NcepClimatology.globalMean(c.airLatitudes(), c.airTemperature());
        double skt = NcepClimatology.globalMean(c.latitudes(), c.skinTemperature());
        double olr = NcepClimatology.globalMean(c.latitudes(), c.outgoingLongwave());
        double in = NcepClimatology.globalMean(c.latitudes(), c.insolation());
        double absorbed = NcepClimatology.globalMean(c.latitudes(), c.absorbedShortwave());
        System.out.printf("EBM obs global means: air %.3f C, skt %.3f C, OLR %.2f, insolation %.2f, absorbed %.2f W m-2,"
                + " albedo %.4f%n", air, skt, olr, in, absorbed, 1 - absorbed / in);
        assertEquals(14.06, air, 0.05);
        assertEquals(14.8, skt, 0.05);
        assertEquals(237.7, olr, 0.1);
        assertEquals(341.9, in, 0.5, "S0/4 of NCEP R1");
    }

    @Test
    void profilesOnTheEnergyBalanceGridKeepTheGlobalMeans() {
        NcepClimatology c = EbmTestData.climatology();
        for (EbmGrid g : new EbmGrid[] {EbmGrid.hemisphere(90), EbmGrid.globe(60)}) {
            double[] olr = NcepClimatology.toCells(c.latitudes(), c.outgoingLongwave(), g);
            // the cells are equal areas: their mean is the band-area-weighted mean of the profile
            double bands = 0;
            int ny = c.latitudes().length;
            for (int j = 0; j < ny; j++) {
                double lo = j == 0 ? -1 : Math.sin(Math.toRadians(0.5 * (c.latitudes()[j - 1] + c.latitudes()[j])));
                double hi = j == ny - 1 ? 1 : Math.sin(Math.toRadians(0.5 * (c.latitudes()[j] + c.latitudes()[j + 1])));
                bands += (hi - lo) / 2 * c.outgoingLongwave()[j];
            }
            assertEquals(bands, g.mean(olr), 1e-10, g.toString());
            assertEquals(NcepClimatology.globalMean(c.latitudes(), c.outgoingLongwave()), g.mean(olr), 0.2);
        }
        EbmObservations o = c.onGrid(EbmGrid.hemisphere(90), NcepClimatology.Temperature.SURFACE_AIR);
        double[] a = o.coAlbedo();
        System.out.printf("EBM obs on 90 cells: T %.2f .. %.2f C, co-albedo %.3f (equator) .. %.3f (pole), mean T %.3f C%n",
                o.temperature()[0], o.temperature()[89], a[0], a[89], o.mean(o.temperature()));
        assertTrue(a[0] > 0.65 && a[0] < 0.8, "equatorial co-albedo (ITCZ clouds) " + a[0]);
        assertTrue(a[89] > 0.2 && a[89] < 0.5, "polar co-albedo " + a[89]);
        assertTrue(o.temperature()[0] > 25 && o.temperature()[89] < -20);
        assertEquals(14.06, o.mean(o.temperature()), 0.1);
    }

    @Test
    void olrAgainstTemperatureOverZonalMeans() {
        NcepClimatology c = EbmTestData.climatology();
        OlrRegression.Fit air = OlrRegression.zonalMeans(c, NcepClimatology.Temperature.SURFACE_AIR);
        OlrRegression.Fit skt = OlrRegression.zonalMeans(c, NcepClimatology.Temperature.SKIN);
        OlrRegression.Fit cells = OlrRegression.cells(c.onGrid(EbmGrid.hemisphere(90), NcepClimatology.Temperature.SURFACE_AIR));
        System.out.println("EBM OLR regression " + air);
        System.out.println("EBM OLR regression " + skt);
        System.out.println("EBM OLR regression " + cells);
        for (OlrRegression.Fit f : new OlrRegression.Fit[] {air, skt, cells}) {
            assertTrue(f.slope() > 1.0 && f.slope() < 2.5, f.toString());
            assertTrue(f.intercept() > 190 && f.intercept() < 230, f.toString());
            assertTrue(f.slopeError() > 0 && f.slopeError() < 0.2, f.toString());
        }
    }

    @Test
    void olrAgainstTemperatureOverGridPoints() throws Exception {
        Optional<Path> shared = EbmTestData.shared();
        assumeTrue(shared.isPresent(), "../shared/data is absent");
        OlrRegression.Fit points = OlrRegression.gridPoints(shared.get());
        System.out.println("EBM OLR regression " + points);
        assertEquals(192 * 94, points.count());
        assertTrue(points.slope() > 1.0 && points.slope() < 2.5, points.toString());
    }

    @Test
    void regressionRecoversAnExactLine() {
        double[] t = {-30, -10, 0, 10, 25};
        double[] y = new double[5];
        for (int i = 0; i < 5; i++) {
            y[i] = 203.3 + 2.09 * t[i];
        }
        OlrRegression.Fit f = OlrRegression.fit("exact", t, y, new double[] {1, 2, 3, 2, 1});
        assertEquals(203.3, f.intercept(), 1e-10);
        assertEquals(2.09, f.slope(), 1e-12);
        assertEquals(0.0, f.slopeError(), 1e-10);
        assertEquals(1.0, f.correlation(), 1e-12);
    }
}
