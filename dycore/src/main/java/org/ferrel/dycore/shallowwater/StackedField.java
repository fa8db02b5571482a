package org.ferrel.dycore.shallowwater;

import java.util.Arrays;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.ContiguousView;
import org.ferrel.autodiff.Primitive;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;

/**
 * Field {@code index} of a stack {@code [count, ny, nx]} as a {@code [ny, nx]} field: slice and
 * reshape in one copy ({@link #extract}), and its transpose, the field placed into an otherwise zero
 * stack ({@link #embed}). Both are linear; each one's VJP is the other, and their JVPs are themselves,
 * so derivatives of any order follow.
 */
record StackedField(int index, int count, Shape field, boolean embedding) implements ContiguousView {

    static StackedField extract(int index, int count, Shape field) {
        return new StackedField(index, count, field, false);
    }

    static StackedField embed(int index, int count, Shape field) {
        return new StackedField(index, count, field, true);
    }

    private Shape stack() {
        return Shape.of(count, field.dim(0), field.dim(1));
    }

    @Override
    public String name() {
        return (embedding ? "embedField(" : "stackedField(") + index + " of " + count + ")";
    }

    @Override
    public Shape outputShape(Shape[] in) {
        Shape expected = embedding ? field : stack();
        if (in.length != 1 || !in[0].equals(expected)) {
            throw new ShapeMismatchException(name() + ": expects one input of shape " + expected + ", got "
                    + Arrays.toString(in));
        }
        return embedding ? stack() : field;
    }

    /** An extraction writes every element; an embedding leaves the rest of the stack at zero. */
    @Override
    public boolean overwritesOutput() {
        return !embedding;
    }

    /** Linear: the reverse rule reads neither the inputs' values nor the output's. */
    @Override
    public boolean vjpReadsInputs() {
        return false;
    }

    @Override
    public boolean vjpReadsOutput() {
        return false;
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        int n = field.size();
        if (embedding) {
            System.arraycopy(in[0], 0, out, index * n, n);
        } else {
            System.arraycopy(in[0], index * n, out, 0, n);
        }
    }

    /** Extraction reads the run of field {@code index}; an embedding is not a view of its input (-1). */
    @Override
    public int offset(Shape input) {
        return embedding ? -1 : index * field.size();
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        return ops.bind(this, t[0]);
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        return new Tensor[] {ops.bind(new StackedField(index, count, field, !embedding), g)};
    }
}
