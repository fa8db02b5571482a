package org.ferrel.gpu.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as {@link DeviceDiscovery} found it.
 *
 * @param platformIndex   the platform's position in the ICD loader's list
 * @param platformName    e.g. "Portable Computing Language", "NVIDIA CUDA"
 * @param deviceIndex     the device's position in its platform's list
 * @param name            the device's name
 * @param vendor          the device's vendor
 * @param version         the OpenCL version the device reports
 * @param doublePrecision whether the device computes in double precision (cl_khr_fp64)
 */
public record DeviceInfo(int platformIndex, String platformName, int deviceIndex, String name, String vendor,
                         String version, boolean doublePrecision, cl_platform_id platform, cl_device_id device) {

    /** The id that selects this device: "platform:device", e.g. "0:0". */
    public String id() {
        return platformIndex + ":" + deviceIndex;
    }

    /** One line for listings and error messages. */
    public String describe() {
        return id() + " " + name + " (" + vendor + ", " + platformName + ", " + version + ", double precision "
                + (doublePrecision ? "yes" : "no") + ")";
    }
}
