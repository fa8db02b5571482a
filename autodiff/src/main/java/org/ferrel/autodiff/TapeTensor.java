package org.ferrel.autodiff;

/** A value recorded on a {@link Tape}: its value at the tape's base level and its node (-1: constant). */
public final class TapeTensor implements Tensor {
    private final Tape tape;
    final Tensor value;
    final int node;

    TapeTensor(Tape tape, Tensor value, int node) {
        this.tape = tape;
        this.value = value;
        this.node = node;
    }

    @Override
    public Shape shape() {
        return value.shape();
    }

    @Override
    public Tape ops() {
        return tape;
    }

    /** The recorded value; reading it stays allowed after the tape was reversed. */
    @Override
    public double[] values() {
        return value.values();
    }

    @Override
    public double get(int flatIndex) {
        return value.get(flatIndex);
    }

    @Override
    public String toString() {
        return "Tape#" + tape.id() + "[" + (node < 0 ? "const" : "node " + node) + "](" + value + ")";
    }
}
