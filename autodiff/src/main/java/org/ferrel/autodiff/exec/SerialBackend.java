package org.ferrel.autodiff.exec;

/** Runs every loop on the calling thread. */
final class SerialBackend implements Backend {
    static final SerialBackend INSTANCE = new SerialBackend();

    private SerialBackend() {
    }

    @Override
    public void forRange(int n, int work, RangeKernel kernel) {
        if (n > 0) {
            kernel.run(0, n);
        }
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public String toString() {
        return "serial";
    }
}
