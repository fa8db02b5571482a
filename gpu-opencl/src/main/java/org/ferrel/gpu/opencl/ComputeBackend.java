package org.ferrel.gpu.opencl;

/**
 * Where the dynamical cores' kernels run: an explicit parameter of every run, never a global
 * (DESIGN.md, "Kernels and backends"). The kernel math lives in the core modules; a backend only
 * decides where the loops run. {@link JavaBackend} runs today's Java kernels; {@link OpenClBackend}
 * their OpenCL forms on a device. Another machine (CUDA, TornadoVM) is one more implementation.
 */
public interface ComputeBackend extends AutoCloseable {
    /** One line: the backend and its device. */
    String description();

    /**
     * A shallow-water run of {@code setup} on this backend, its state resident where the backend
     * computes; it lives until the backend closes.
     *
     * @throws IllegalArgumentException when the setup asks for something this backend has no form of
     */
    ShallowWaterRun shallowWater(ShallowWaterSetup setup);

    /** Frees what the backend holds (device memory, programs); its runs cannot be used afterwards. */
    @Override
    void close();
}
