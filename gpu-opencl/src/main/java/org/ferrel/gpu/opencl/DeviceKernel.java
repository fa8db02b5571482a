package org.ferrel.gpu.opencl;

import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clSetKernelArg;

import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * One OpenCL kernel of an {@link OpenClDevice}: arguments are set by position, then {@link #launch}
 * enqueues one work item per index. A failed launch names the kernel and the device.
 */
public final class DeviceKernel {
    private final OpenClDevice device;
    private final String name;
    private final cl_kernel kernel;
    private final long[] globalSize = new long[1];

    DeviceKernel(OpenClDevice device, String name, cl_kernel kernel) {
        this.device = device;
        this.name = name;
        this.kernel = kernel;
    }

    public String name() {
        return name;
    }

    public DeviceKernel arg(int index, cl_mem buffer) {
        clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(buffer));
        return this;
    }

    public DeviceKernel arg(int index, int value) {
        clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {value}));
        return this;
    }

    public DeviceKernel arg(int index, double value) {
        clSetKernelArg(kernel, index, Sizeof.cl_double, Pointer.to(new double[] {value}));
        return this;
    }

    /** A local-memory argument of {@code bytes} bytes (one allocation per work-group). */
    public DeviceKernel localArg(int index, long bytes) {
        clSetKernelArg(kernel, index, bytes, null);
        return this;
    }

    /** The largest work-group this kernel can run with on its device. */
    public long maxWorkGroupSize() {
        long[] size = new long[1];
        clGetKernelWorkGroupInfo(kernel, device.info().device(), CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t,
                Pointer.to(size), null);
        return size[0];
    }

    /** Enqueues {@code workItems} work items in work-groups of {@code groupSize}. */
    public void launch(int workItems, int groupSize) {
        try {
            clEnqueueNDRangeKernel(device.queue(), kernel, 1, null, new long[] {workItems}, new long[] {groupSize}, 0,
                    null, null);
        } catch (CLException e) {
            throw new IllegalStateException("OpenCL kernel " + name + " failed to launch on device "
                    + device.info().describe() + " (" + workItems + " work items in groups of " + groupSize + "): "
                    + e.getMessage(), e);
        }
    }

    /** Sets the arguments from position 0 on: buffers, Integers and Doubles (host-side, once per launch). */
    public DeviceKernel args(Object... values) {
        for (int i = 0; i < values.length; i++) {
            switch (values[i]) {
                case cl_mem m -> arg(i, m);
                case Integer v -> arg(i, v.intValue());
                case Double v -> arg(i, v.doubleValue());
                default -> throw new IllegalArgumentException("kernel " + name + ": argument " + i + " is a "
                        + values[i].getClass().getSimpleName() + ", expected a buffer, an int or a double");
            }
        }
        return this;
    }

    /** Enqueues {@code workItems} work items (in order after everything enqueued before). */
    public void launch(int workItems) {
        globalSize[0] = workItems;
        try {
            clEnqueueNDRangeKernel(device.queue(), kernel, 1, null, globalSize, null, 0, null, null);
        } catch (CLException e) {
            throw new IllegalStateException("OpenCL kernel " + name + " failed to launch on device "
                    + device.info().describe() + ": " + e.getMessage(), e);
        }
    }
}
