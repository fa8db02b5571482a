package org.ferrel.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Device discovery and the errors that name the device and the kernel. */
class DeviceDiscoveryTest {
    @Test
    void anUnknownDeviceIdIsNamedWithWhatWasFound() {
        DeviceDiscovery.Result found = DeviceDiscovery.discover();
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, () -> found.select("7:99"));
        assertTrue(e.getMessage().contains("'7:99'") && e.getMessage().contains("platform:device"), e.getMessage());
        assertTrue(!found.listing().isBlank(), "a listing says what was found or why nothing was");
    }

    @Test
    void theDeviceListingNamesDeviceVendorAndDoublePrecision() {
        DeviceInfo device = TestDevices.doublePrecisionDevice();
        String listing = DeviceDiscovery.discover().listing();
        assertTrue(listing.contains(device.name()) && listing.contains(device.vendor())
                && listing.contains("double precision yes"), listing);
    }

    @Test
    void aKernelThatDoesNotBuildNamesTheDeviceTheSourceAndTheBuildLog() {
        DeviceInfo device = TestDevices.doublePrecisionDevice();
        try (OpenClDevice opened = new OpenClDevice(device)) {
            KernelBuildException e = assertThrows(KernelBuildException.class,
                    () -> opened.build("/org/ferrel/gpu/opencl/does-not-build.cl", "brokenKernel"));
            assertTrue(e.getMessage().contains("does-not-build.cl") && e.getMessage().contains(device.name())
                    && e.getMessage().contains("undeclaredVariable"), e.getMessage());
            KernelBuildException missing = assertThrows(KernelBuildException.class,
                    () -> opened.build(ShallowWaterKernels.SOURCE, "noSuchKernel"));
            assertTrue(missing.getMessage().contains("noSuchKernel") && missing.getMessage().contains(device.name()),
                    missing.getMessage());
        }
    }
}
