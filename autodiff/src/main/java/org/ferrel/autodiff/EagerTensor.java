package org.ferrel.autodiff;

/**
 * A plain value: a shape and a flat row-major array of doubles. The array is never written after
 * construction, so tensors can be shared freely (snapshots, tapes, threads).
 */
public final class EagerTensor implements Tensor {
    private final Eager ops;
    private final Shape shape;
    final double[] data;

    EagerTensor(Eager ops, Shape shape, double[] data) {
        if (data.length != shape.size()) {
            throw new ShapeMismatchException("tensor of shape " + shape + " needs " + shape.size()
                    + " values, got " + data.length);
        }
        this.ops = ops;
        this.shape = shape;
        this.data = data;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public Eager ops() {
        return ops;
    }

    @Override
    public double[] values() {
        return data.clone();
    }

    @Override
    public double get(int flatIndex) {
        return data[flatIndex];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append('{');
        for (int i = 0; i < Math.min(8, data.length); i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > 8 ? ", ...}" : "}").toString();
    }
}
