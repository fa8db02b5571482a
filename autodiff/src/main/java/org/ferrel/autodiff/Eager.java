package org.ferrel.autodiff;

import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Elementwise;

/**
 * Plain evaluation: every operation runs its kernel on the {@link Backend} this interpreter was
 * given and returns an {@link EagerTensor}. It is the root of every stack of interpreters.
 */
public final class Eager implements Ops {
    private final Backend backend;
    private final boolean reuseArrays;

    public Eager(Backend backend) {
        this(backend, true);
    }

    private Eager(Backend backend, boolean reuseArrays) {
        this.backend = backend;
        this.reuseArrays = reuseArrays;
    }

    /**
     * The same interpreter without array reuse: every output is a fresh array and
     * {@link #recycle} does nothing. Slower; for checking that code which recycles gives the same
     * results bitwise.
     */
    public Eager withoutArrayReuse() {
        return new Eager(backend, false);
    }

    /** An array for an output: zero-filled when {@code zero}, otherwise possibly holding old values. */
    double[] array(int length, boolean zero) {
        if (!reuseArrays) {
            return new double[length];
        }
        return zero ? BufferPool.zeros(length) : BufferPool.uninitialized(length);
    }

    /** Plain evaluation on the calling thread. */
    public static Eager serial() {
        return new Eager(Backend.serial());
    }

    /** Plain evaluation with {@code threads} threads for large arrays. */
    public static Eager parallel(int threads) {
        return new Eager(Backend.parallel(threads));
    }

    public Backend backend() {
        return backend;
    }

    @Override
    public Tensor bind(Primitive primitive, Tensor... inputs) {
        double[][] data = new double[inputs.length][];
        Shape[] shapes = new Shape[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            EagerTensor e = plain(inputs[i], primitive.name(), i);
            data[i] = e.data;
            shapes[i] = e.shape();
        }
        Shape outShape = primitive.outputShape(shapes);
        int size = outShape.size();
        double[] out = array(size, !primitive.overwritesOutput());
        primitive.evaluate(backend, data, shapes, out, outShape);
        return new EagerTensor(this, outShape, out);
    }

    /**
     * Gives the arrays of these plain tensors back to this thread's pool, from which the next
     * outputs of the same size are taken (cache-warm instead of fresh memory). The caller must have
     * created them and be their only holder: they are overwritten afterwards. Tensors of other
     * interpreters and nulls are ignored.
     */
    @Override
    public void recycle(Tensor... dead) {
        if (!reuseArrays) {
            return;
        }
        BufferPool pool = BufferPool.current();
        for (Tensor t : dead) {
            if (t instanceof EagerTensor e && e.ops() == this) {
                pool.give(e.data);
            }
        }
    }

    /** {@link #recycle} for arrays a kernel's residual alone held. */
    void recycleArrays(double[][] arrays) {
        if (!reuseArrays) {
            return;
        }
        BufferPool pool = BufferPool.current();
        for (double[] a : arrays) {
            pool.give(a);
        }
    }

    private static EagerTensor plain(Tensor t, String operation, int operand) {
        if (t instanceof EagerTensor e) {
            return e;
        }
        if (t == null) {
            throw new NullPointerException(operation + ": operand " + operand + " is null");
        }
        throw new IllegalArgumentException(operation + ": operand " + operand + " belongs to "
                + t.ops() + "; plain evaluation takes plain tensors only (read a recorded value with"
                + " Tape.value or Dual.primal)");
    }

    @Override
    public Tensor constant(Shape shape, double[] values) {
        return new EagerTensor(this, shape, values.clone());
    }

    /** Wraps an array without copying; the caller must never write to it afterwards. */
    public Tensor wrap(Shape shape, double[] values) {
        return new EagerTensor(this, shape, values);
    }

    @Override
    public Tensor lift(Tensor tensor) {
        return plain(tensor, "lift", 0);
    }

    @Override
    public Ops base() {
        return null;
    }

    @Override
    public double[][] export(Tensor tensor) {
        return new double[][] {plain(tensor, "export", 0).data};
    }

    @Override
    public Tensor restore(Shape shape, double[][] components) {
        return new EagerTensor(this, shape, components[0]);
    }

    @Override
    public int componentCount() {
        return 1;
    }

    /** The underlying array of a plain tensor (not a copy: never write to it). */
    static double[] data(Tensor t) {
        return plain(t, "data", 0).data;
    }

    /** {@code a + b} written into a fresh array. */
    EagerTensor addFresh(EagerTensor a, EagerTensor b) {
        double[] out = array(a.data.length, false);
        double[] x = a.data;
        double[] y = b.data;
        backend.forRange(out.length, (f, t) -> Elementwise.add(x, y, out, f, t));
        return new EagerTensor(this, a.shape(), out);
    }

    /** {@code acc += b} on an array the caller owns. */
    void addInPlace(EagerTensor acc, EagerTensor b) {
        double[] x = acc.data;
        double[] y = b.data;
        backend.forRange(x.length, (f, t) -> Elementwise.addInPlace(x, y, f, t));
    }

    @Override
    public String toString() {
        return "Eager(" + backend + (reuseArrays ? "" : ", no array reuse") + ")";
    }
}
