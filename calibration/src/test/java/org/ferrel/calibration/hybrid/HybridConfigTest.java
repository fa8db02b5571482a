package org.ferrel.calibration.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ferrel.hybrid.param.FeatureSet;
import org.ferrel.io.config.ConfigException;
import org.junit.jupiter.api.Test;

class HybridConfigTest {
    private static final String GOOD = """
            name: t
            truth:
              coarse_degrees: 22.5
              time_step: 1200 s
              days: 1 day
              snapshot_every: 1 hour
            network:
              features: stencil_5point
              hidden: [8, 4]
            online:
              rollout_steps: 6
            evaluation:
              lead_days: [0.5, 1]
            """;

    @Test
    void readsAConfiguration() {
        HybridConfig c = HybridConfig.parse(GOOD.replace("network:", "offline:\n  optimizer: kfac\nnetwork:"), "h.yaml");
        assertEquals(FeatureSet.STENCIL_5POINT, c.network().features());
        assertArrayEquals(new int[] {8, 4}, c.network().hidden());
        assertEquals(3, c.truth().stepsPerSnapshot());
        assertEquals(25, c.truth().snapshots());
        assertEquals(4, c.truth().setup().factor());
        assertEquals("kfac", c.offline().optimizer());
    }

    @Test
    void badValuesNameFileLineAndKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> HybridConfig.parse(GOOD.replace("rollout_steps: 6",
                "rollout_steps: 7"), "h.yaml"));
        assertEquals("h.yaml", e.file());
        assertEquals(11, e.line());
        assertEquals("online.rollout_steps", e.key());
        ConfigException f = assertThrows(ConfigException.class, () -> HybridConfig.parse(GOOD.replace("factor", "x")
                .replace("days: 1 day", "days: 1 day\n  factor: 2"), "h.yaml"));
        assertEquals("truth.factor", f.key());
        ConfigException g = assertThrows(ConfigException.class, () -> HybridConfig.parse(GOOD + "extra: 1\n", "h.yaml"));
        assertEquals(14, g.line());
    }
}
