package org.ferrel.gpu.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueCopyBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;

/**
 * An opened OpenCL device: its context, one in-order command queue (so launches run in the order
 * enqueued, and results do not depend on scheduling), its programs and buffers. Copies between host
 * and device go through {@link #write} and {@link #read}, which count the bytes they move.
 */
public final class OpenClDevice implements AutoCloseable {
    /**
     * Build options: standard OpenCL C without fast-math relaxations. Contraction into fused
     * multiply-adds is switched off in each source by {@code #pragma OPENCL FP_CONTRACT OFF}.
     */
    static final String BUILD_OPTIONS = "-cl-std=CL1.2";

    private final DeviceInfo info;
    private final cl_context context;
    private final cl_command_queue queue;
    private final List<cl_program> programs = new ArrayList<>();
    private final List<cl_kernel> kernels = new ArrayList<>();
    private final List<cl_mem> buffers = new ArrayList<>();
    private long bytesCopied;

    public OpenClDevice(DeviceInfo info) {
        if (!info.doublePrecision()) {
            throw new DeviceUnavailableException("OpenCL device " + info.describe()
                    + " has no double precision (cl_khr_fp64); the kernels compute in double");
        }
        CL.setExceptionsEnabled(true);
        this.info = info;
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, info.platform());
        this.context = clCreateContext(properties, 1, new cl_device_id[] {info.device()}, null, null, null);
        this.queue = clCreateCommandQueueWithProperties(context, info.device(), new cl_queue_properties(), null);
    }

    public DeviceInfo info() {
        return info;
    }

    /** The device's local memory per work-group [bytes]. */
    public long localMemoryBytes() {
        long[] size = new long[1];
        clGetDeviceInfo(info.device(), CL_DEVICE_LOCAL_MEM_SIZE, Sizeof.cl_ulong, Pointer.to(size), null);
        return size[0];
    }

    /**
     * Builds the OpenCL C source in the class-path resource {@code resource} and creates the named
     * kernels from it.
     *
     * @throws KernelBuildException naming the device, the source and the kernel, with the build log
     */
    public DeviceKernel[] build(String resource, String... kernelNames) {
        String source = readResource(resource);
        cl_program program = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        programs.add(program);
        try {
            clBuildProgram(program, 1, new cl_device_id[] {info.device()}, BUILD_OPTIONS, null, null);
        } catch (CLException e) {
            throw new KernelBuildException("OpenCL program " + resource + " did not build on device " + info.describe()
                    + " (" + e.getMessage() + "); build log:\n" + buildLog(program), e);
        }
        DeviceKernel[] built = new DeviceKernel[kernelNames.length];
        for (int i = 0; i < kernelNames.length; i++) {
            try {
                cl_kernel kernel = clCreateKernel(program, kernelNames[i], null);
                kernels.add(kernel);
                built[i] = new DeviceKernel(this, kernelNames[i], kernel);
            } catch (CLException e) {
                throw new KernelBuildException("OpenCL kernel " + kernelNames[i] + " of " + resource
                        + " could not be created on device " + info.describe() + " (" + e.getMessage()
                        + "); build log:\n" + buildLog(program), e);
            }
        }
        return built;
    }

    private String buildLog(cl_program program) {
        try {
            long[] size = new long[1];
            clGetProgramBuildInfo(program, info.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] log = new byte[(int) size[0]];
            clGetProgramBuildInfo(program, info.device(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
            return new String(log, StandardCharsets.UTF_8).trim();
        } catch (CLException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }

    private static String readResource(String resource) {
        try (InputStream in = OpenClDevice.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new KernelBuildException("OpenCL source " + resource + " is not on the class path", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading OpenCL source " + resource, e);
        }
    }

    /** A device buffer of {@code length} doubles (contents undefined until written). */
    public cl_mem buffer(int length) {
        cl_mem m = clCreateBuffer(context, CL_MEM_READ_WRITE, (long) Math.max(length, 1) * Sizeof.cl_double, null, null);
        buffers.add(m);
        return m;
    }

    /** A device buffer holding a copy of {@code values}. */
    public cl_mem buffer(double[] values) {
        cl_mem m = buffer(values.length);
        write(m, 0, values, 0, values.length);
        return m;
    }

    /** A device buffer holding a copy of the ints {@code values}. */
    public cl_mem intBuffer(int[] values) {
        cl_mem m = clCreateBuffer(context, CL_MEM_READ_WRITE, (long) Math.max(values.length, 1) * Sizeof.cl_int, null,
                null);
        buffers.add(m);
        clEnqueueWriteBuffer(queue, m, CL_TRUE, 0, (long) values.length * Sizeof.cl_int, Pointer.to(values), 0, null,
                null);
        bytesCopied += (long) values.length * Sizeof.cl_int;
        return m;
    }

    /** Copies {@code length} values from {@code host[from..]} to the device buffer at {@code offset} (blocking). */
    public void write(cl_mem target, int offset, double[] host, int from, int length) {
        clEnqueueWriteBuffer(queue, target, CL_TRUE, (long) offset * Sizeof.cl_double, (long) length * Sizeof.cl_double,
                Pointer.to(host).withByteOffset((long) from * Sizeof.cl_double), 0, null, null);
        bytesCopied += (long) length * Sizeof.cl_double;
    }

    /** Copies {@code length} values of the device buffer from {@code offset} into {@code host[to..]} (blocking). */
    public void read(cl_mem source, int offset, double[] host, int to, int length) {
        clEnqueueReadBuffer(queue, source, CL_TRUE, (long) offset * Sizeof.cl_double, (long) length * Sizeof.cl_double,
                Pointer.to(host).withByteOffset((long) to * Sizeof.cl_double), 0, null, null);
        bytesCopied += (long) length * Sizeof.cl_double;
    }

    /** Frees a buffer of this device (after the launches enqueued so far have finished with it). */
    public void release(cl_mem buffer) {
        if (buffers.remove(buffer)) {
            clFinish(queue);
            clReleaseMemObject(buffer);
        }
    }

    /** How many buffers this device holds (for tests of the buffers' lifetime). */
    public int liveBuffers() {
        return buffers.size();
    }

    /** Enqueues a copy of {@code length} values from one device buffer to another (on the device). */
    public void copy(cl_mem source, cl_mem target, int length) {
        clEnqueueCopyBuffer(queue, source, target, 0, 0, (long) length * Sizeof.cl_double, 0, null, null);
    }

    /**
     * The device's copy bandwidth [bytes/s]: a buffer of {@code doubles} values copied to another
     * on the device {@code repetitions} times after one warm-up copy, counting the bytes read and
     * written (2 x 8 x doubles per copy).
     */
    public double copyBandwidth(int doubles, int repetitions) {
        cl_mem a = buffer(doubles);
        cl_mem b = buffer(doubles);
        try {
            copy(a, b, doubles);
            finish();
            long t0 = System.nanoTime();
            for (int r = 0; r < repetitions; r++) {
                copy(r % 2 == 0 ? a : b, r % 2 == 0 ? b : a, doubles);
            }
            finish();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return 2.0 * Double.BYTES * doubles * repetitions / seconds;
        } finally {
            release(a);
            release(b);
        }
    }

    /** Bytes copied between host and device by {@link #write}, {@link #read} and {@link #buffer(double[])} so far. */
    public long bytesCopied() {
        return bytesCopied;
    }

    /** Waits until every enqueued launch has finished. */
    public void finish() {
        clFinish(queue);
    }

    cl_command_queue queue() {
        return queue;
    }

    @Override
    public void close() {
        for (cl_kernel k : kernels) {
            clReleaseKernel(k);
        }
        for (cl_program p : programs) {
            clReleaseProgram(p);
        }
        for (cl_mem m : buffers) {
            clReleaseMemObject(m);
        }
        kernels.clear();
        programs.clear();
        buffers.clear();
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
