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
}
