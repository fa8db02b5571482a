package org.ferrel.gpu.opencl;

/** An OpenCL program or kernel that did not build on a device; the message names both and carries the build log. */
public final class KernelBuildException extends RuntimeException {
    public KernelBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
