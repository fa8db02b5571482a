package org.ferrel.gpu.opencl;

/**
 * The dynamical cores' kernels in their OpenCL forms on one device. Opening it builds nothing yet;
 * each run builds its kernels, so a kernel that does not build stops the run before it starts, with
 * a {@link KernelBuildException} that names the device and the kernel.
 */
public final class OpenClBackend implements ComputeBackend {
    private final OpenClDevice device;

    private OpenClBackend(OpenClDevice device) {
        this.device = device;
    }

    /** The device with this id ("platform:device", see {@link DeviceInfo#id()}). */
    public static OpenClBackend open(String deviceId) {
        return open(DeviceDiscovery.discover().select(deviceId));
    }

    /** The first device with double precision. */
    public static OpenClBackend openFirst() {
        return open(DeviceDiscovery.discover().firstDoublePrecision());
    }

    public static OpenClBackend open(DeviceInfo info) {
        return new OpenClBackend(new OpenClDevice(info));
    }

    public OpenClDevice device() {
        return device;
    }

    @Override
    public String description() {
        return "opencl " + device.info().describe();
    }

    @Override
    public OpenClShallowWaterRun shallowWater(ShallowWaterSetup setup) {
        return new OpenClShallowWaterRun(new ShallowWaterKernels(device, setup.grid(), setup.coriolis()), setup);
    }

    @Override
    public void close() {
        device.close();
    }
}
