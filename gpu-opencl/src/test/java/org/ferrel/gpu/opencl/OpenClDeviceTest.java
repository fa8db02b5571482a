package org.ferrel.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

/** Buffers of an opened device: copies, their byte count, their lifetime, the copy bandwidth. */
class OpenClDeviceTest {
    @Test
    void buffersCopyCountAndRelease() {
        try (OpenClDevice device = new OpenClDevice(TestDevices.doublePrecisionDevice())) {
            int before = device.liveBuffers();
            double[] values = {1.5, -2.25, Math.PI, Double.MIN_VALUE, 1e300};
            long copied = device.bytesCopied();
            cl_mem a = device.buffer(values);
            cl_mem b = device.buffer(values.length);
            device.copy(a, b, values.length);
            double[] back = new double[values.length];
            device.read(b, 0, back, 0, values.length);
            assertArrayEquals(values, back, 0.0);
            assertEquals(2L * values.length * Double.BYTES, device.bytesCopied() - copied,
                    "one write and one read cross; the device-to-device copy does not");
            device.release(a);
            device.release(b);
            assertEquals(before, device.liveBuffers());
            double bandwidth = device.copyBandwidth(1 << 20, 4);
            assertTrue(bandwidth > 0 && Double.isFinite(bandwidth), "copy bandwidth " + bandwidth);
            assertEquals(before, device.liveBuffers(), "the bandwidth probe frees its buffers");
        }
    }
}
