package org.ferrel.autodiff.primitives;

import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;

/** Small helpers shared by derivative rules; {@code null} stands for an identically zero tensor. */
final class Rules {
    private Rules() {
    }

    static Tensor plus(Ops ops, Tensor a, Tensor b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return ops.add(a, b);
    }

    static Tensor minus(Ops ops, Tensor a, Tensor b) {
        if (b == null) {
            return a;
        }
        if (a == null) {
            return ops.neg(b);
        }
        return ops.sub(a, b);
    }

    static Tensor zerosIfNull(Ops ops, Tensor t, Shape shape) {
        return t != null ? t : ops.zeros(shape);
    }

    static void requireArity(String name, Shape[] inputs, int n) {
        if (inputs.length != n) {
            throw new IllegalArgumentException(name + ": expects " + n + " operands, got " + inputs.length);
        }
    }

    static void requireRank(String name, Shape s, int rank, String operand) {
        if (s.rank() != rank) {
            throw new ShapeMismatchException(name + ": " + operand + " must have rank " + rank + ", got shape " + s);
        }
    }
}
