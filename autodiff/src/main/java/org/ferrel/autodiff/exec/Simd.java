package org.ferrel.autodiff.exec;

/**
 * Whether kernels may use the JDK's vector API (SIMD instructions through the incubator module
 * {@code jdk.incubator.vector}). The JIT of JDK 25 does not vectorise stencil loops by itself (it
 * cannot prove that a field written at cell k is not another field read at k - 1), so hot kernels
 * carry an explicit vector form of their inner loops next to the scalar one.
 *
 * <p>The vector forms run when the JVM was started with {@code --add-modules jdk.incubator.vector}
 * ({@code bin/ferrel}, the Maven build's tests and the benchmarks do) and the system property
 * {@code ferrel.simd} is not {@code false}. Otherwise the scalar forms run. Both do the same
 * floating-point operations in the same order on every element, so results are bitwise the same
 * either way: the vector API only changes the speed.
 */
public final class Simd {
    /** The module that holds the vector API. */
    public static final String MODULE = "jdk.incubator.vector";

    private static final boolean ENABLED = ModuleLayer.boot().findModule(MODULE).isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("ferrel.simd"));

    private Simd() {
    }

    /** Whether the vector forms of the kernels run in this JVM. */
    public static boolean enabled() {
        return ENABLED;
    }
}
