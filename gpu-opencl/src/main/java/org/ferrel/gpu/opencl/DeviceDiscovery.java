package org.ferrel.gpu.opencl;

import static org.jocl.CL.CL_DEVICE_DOUBLE_FP_CONFIG;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_VENDOR;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Lists the OpenCL platforms and devices the ICD loader sees (through JOCL, which loads
 * {@code libOpenCL.so}). Never throws for a missing library or platform: the result then has no
 * devices and says why.
 */
public final class DeviceDiscovery {
    private DeviceDiscovery() {
    }

    /**
     * The devices found, or none and the reason.
     *
     * @param problem why no device is listed (null when discovery worked; it may still list none)
     */
    public record Result(List<DeviceInfo> devices, String problem) {
        public Result {
            devices = List.copyOf(devices);
        }

        /** The first device with double precision. */
        public DeviceInfo firstDoublePrecision() {
            for (DeviceInfo d : devices) {
                if (d.doublePrecision()) {
                    return d;
                }
            }
            throw new DeviceUnavailableException("no OpenCL device with double precision (cl_khr_fp64)"
                    + (devices.isEmpty() ? ": " + describeAbsence() : "; found " + listing()));
        }

        /** The device with id "platform:device" (as {@link DeviceInfo#id()}), which must compute in double precision. */
        public DeviceInfo select(String id) {
            for (DeviceInfo d : devices) {
                if (d.id().equals(id)) {
                    if (!d.doublePrecision()) {
                        throw new DeviceUnavailableException("OpenCL device " + d.describe()
                                + " has no double precision (cl_khr_fp64); the kernels compute in double");
                    }
                    return d;
                }
            }
            throw new DeviceUnavailableException("no OpenCL device with id '" + id + "' (expected platform:device)"
                    + (devices.isEmpty() ? ": " + describeAbsence() : "; found " + listing()));
        }

        /** The devices one per line, or why there are none. */
        public String listing() {
            if (devices.isEmpty()) {
                return describeAbsence();
            }
            StringBuilder s = new StringBuilder();
            for (DeviceInfo d : devices) {
                s.append(s.isEmpty() ? "" : "\n").append(d.describe());
            }
            return s.toString();
        }

        private String describeAbsence() {
            return problem != null ? problem : "the OpenCL platforms list no device";
        }
    }

    public static Result discover() {
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            clGetPlatformIDs(0, null, count);
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            List<DeviceInfo> devices = new ArrayList<>();
            for (int p = 0; p < platforms.length; p++) {
                String platformName = platformString(platforms[p], CL_PLATFORM_NAME);
                int[] deviceCount = new int[1];
                try {
                    clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, 0, null, deviceCount);
                } catch (CLException e) {
                    continue; // CL_DEVICE_NOT_FOUND: a platform without devices
                }
                cl_device_id[] ids = new cl_device_id[deviceCount[0]];
                clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, ids.length, ids, null);
                for (int d = 0; d < ids.length; d++) {
                    long[] fp64 = new long[1];
                    clGetDeviceInfo(ids[d], CL_DEVICE_DOUBLE_FP_CONFIG, Sizeof.cl_ulong, Pointer.to(fp64), null);
                    devices.add(new DeviceInfo(p, platformName, d, deviceString(ids[d], CL_DEVICE_NAME),
                            deviceString(ids[d], CL_DEVICE_VENDOR), deviceString(ids[d], CL_DEVICE_VERSION), fp64[0] != 0,
                            platforms[p], ids[d]));
                }
            }
            return new Result(devices, platforms.length == 0 ? "no OpenCL platform is installed" : null);
        } catch (CLException e) {
            return new Result(List.of(), "no OpenCL platform (" + e.getMessage() + "): install an ICD, e.g. Debian's "
                    + "pocl-opencl-icd, or the NVIDIA driver's libnvidia-opencl with its /etc/OpenCL/vendors/nvidia.icd");
        } catch (LinkageError e) {
            return new Result(List.of(), "the OpenCL ICD loader libOpenCL.so could not be loaded (" + e.getMessage()
                    + "): install one, e.g. Debian's ocl-icd-libopencl1");
        }
    }

    private static String platformString(cl_platform_id platform, int parameter) {
        long[] size = new long[1];
        clGetPlatformInfo(platform, parameter, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetPlatformInfo(platform, parameter, bytes.length, Pointer.to(bytes), null);
        return text(bytes);
    }

    private static String deviceString(cl_device_id device, int parameter) {
        long[] size = new long[1];
        clGetDeviceInfo(device, parameter, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        clGetDeviceInfo(device, parameter, bytes.length, Pointer.to(bytes), null);
        return text(bytes);
    }

    private static String text(byte[] nulTerminated) {
        int end = nulTerminated.length;
        while (end > 0 && nulTerminated[end - 1] == 0) {
            end--;
        }
        return new String(nulTerminated, 0, end, StandardCharsets.UTF_8).trim();
    }
}
