package org.ferrel.autodiff;

/** A value of forward mode: a primal and its tangent (null for an identically zero tangent). */
public final class DualTensor implements Tensor {
    private final Dual ops;
    final Tensor primal;
    final Tensor tangent;

    DualTensor(Dual ops, Tensor primal, Tensor tangent) {
        this.ops = ops;
        this.primal = primal;
        this.tangent = tangent;
    }

    @Override
    public Shape shape() {
        return primal.shape();
    }

    @Override
    public Dual ops() {
        return ops;
    }

    @Override
    public double[] values() {
        return primal.values();
    }

    @Override
    public double get(int flatIndex) {
        return primal.get(flatIndex);
    }

    @Override
    public String toString() {
        return "Dual(" + primal + (tangent == null ? ", 0)" : ", " + tangent + ")");
    }
}
