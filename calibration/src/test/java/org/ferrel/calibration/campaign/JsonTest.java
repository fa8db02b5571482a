package org.ferrel.calibration.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesNumbersStringsAndNestingAsValidJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("small", 2e-6);
        m.put("whole", 432000.0);
        m.put("nan", Double.NaN);
        m.put("text", "a \"quoted\"\nline");
        m.put("list", List.of(1, new double[] {0.5, Double.POSITIVE_INFINITY}));
        assertEquals("{\n  \"small\": 2.0E-6,\n  \"whole\": 432000,\n  \"nan\": null,\n  \"text\": \"a \\\"quoted\\\"\\nline\",\n"
                + "  \"list\": [\n    1,\n    [0.5, null]\n  ]\n}\n", Json.write(m));
    }
}
