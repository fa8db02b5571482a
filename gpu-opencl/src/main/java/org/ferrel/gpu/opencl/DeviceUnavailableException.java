package org.ferrel.gpu.opencl;

/** No usable OpenCL device: none found, none with double precision, or none with the requested id. */
public final class DeviceUnavailableException extends RuntimeException {
    public DeviceUnavailableException(String message) {
        super(message);
    }
}
