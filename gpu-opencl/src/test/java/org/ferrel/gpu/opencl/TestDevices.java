package org.ferrel.gpu.opencl;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OpenCL device the parity tests run on. Without one the tests are skipped with the reason,
 * except under CI (environment CI=true), where {@code .ci/run} installs PoCL: there a missing device
 * fails the test, so CI cannot skip the parity tests silently.
 */
final class TestDevices {
    private TestDevices() {
    }

    static DeviceInfo doublePrecisionDevice() {
        DeviceDiscovery.Result found = DeviceDiscovery.discover();
        boolean available = found.devices().stream().anyMatch(DeviceInfo::doublePrecision);
        if (!available && "true".equals(System.getenv("CI"))) {
            fail("CI=true but no OpenCL device with double precision (.ci/run installs pocl-opencl-icd): "
                    + found.listing());
        }
        assumeTrue(available, () -> "no OpenCL device with double precision, OpenCL parity tests skipped: "
                + found.listing());
        return found.firstDoublePrecision();
    }

    /** max |a - b| / max |b|: the difference relative to the reference's largest magnitude. */
    static double relativeDifference(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }
}
