package org.ferrel.autodiff;

import java.util.Arrays;

/**
 * The shape of a {@link Tensor}: its extent along each axis, row-major (the last axis varies
 * fastest in the flat array). A shape of rank 0 is a scalar and has size 1.
 */
public final class Shape {
    public static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long s = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(dims));
            }
            s *= d;
            if (s > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31-1 elements");
            }
        }
        this.dims = dims;
        this.size = (int) s;
    }

    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis];
    }

    public int[] dims() {
        return dims.clone();
    }

    public int size() {
        return size;
    }

    /** Accepts negative axes counted from the end, as numpy does; fails naming the operation. */
    public int axis(int axis, String operation) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException(operation + ": axis " + axis + " out of range for shape " + this);
        }
        return a;
    }

    /** Product of the extents before {@code axis}. */
    public int outer(int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** Product of the extents after {@code axis}. */
    public int inner(int axis) {
        int n = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    public Shape withDim(int axis, int extent) {
        int[] d = dims.clone();
        d[axis] = extent;
        return new Shape(d);
    }

    public Shape withoutAxis(int axis) {
        int[] d = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != axis) {
                d[j++] = dims[i];
            }
        }
        return d.length == 0 ? SCALAR : new Shape(d);
    }

    /**
     * The numpy broadcast of two shapes (axes aligned at the end; an extent of 1 stretches).
     *
     * @throws ShapeMismatchException naming the operation and both shapes
     */
    public static Shape broadcast(String operation, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeMismatchException(operation, a, b);
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    /** Whether this shape can be broadcast to {@code target} without changing {@code target}. */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        int offset = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            if (dims[i] != 1 && dims[i] != target.dims[i + offset]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i]);
        }
        return sb.append(']').toString();
    }
}
