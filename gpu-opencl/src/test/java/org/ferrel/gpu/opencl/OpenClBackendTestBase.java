package org.ferrel.gpu.opencl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests that run on one OpenCL backend, opened once per test class (skipped without a device, see {@link TestDevices}). */
abstract class OpenClBackendTestBase {
    static OpenClBackend opencl;

    @BeforeAll
    static void openBackend() {
        opencl = OpenClBackend.open(TestDevices.doublePrecisionDevice());
    }

    @AfterAll
    static void closeBackend() {
        if (opencl != null) {
            opencl.close();
            opencl = null;
        }
    }
}
