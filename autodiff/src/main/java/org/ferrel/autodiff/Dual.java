package org.ferrel.autodiff;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forward mode: each value carries a tangent, and each operation pushes tangents through its
 * {@link Primitive#jvp} rule. Running a model on a {@code Dual} gives Jacobian-vector products
 * in one pass, with no tape.
 *
 * <pre>{@code
 * Dual dual = new Dual(eager);
 * Tensor x = dual.variable(x0, direction);
 * Tensor y = model(dual, x);
 * Tensor jv = dual.tangent(y);   // J direction
 * }</pre>
 */
public final class Dual implements Ops {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Ops base;
    private final int id = IDS.incrementAndGet();

    public Dual(Ops base) {
        this.base = base;
    }

    /** A value with a tangent (the direction in which to differentiate). */
    public Tensor variable(Tensor primal, Tensor tangent) {
        Tensor p = base.lift(primal);
        Tensor t = tangent == null ? null : base.lift(tangent);
        if (t != null && !t.shape().equals(p.shape())) {
            throw new ShapeMismatchException("Dual.variable: primal " + p.shape() + " and tangent " + t.shape());
        }
        return new DualTensor(this, p, t);
    }

    /** The primal part, at the base level. */
    public Tensor primal(Tensor t) {
        return own(t, "primal").primal;
    }

    /** The tangent part, at the base level (zeros when no tangent reached it). */
    public Tensor tangent(Tensor t) {
        DualTensor d = own(t, "tangent");
        return d.tangent != null ? d.tangent : base.zeros(d.shape());
    }

    @Override
    public Tensor bind(Primitive primitive, Tensor... inputs) {
        Tensor[] primals = new Tensor[inputs.length];
        Tensor[] tangents = new Tensor[inputs.length];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            DualTensor d = liftOperand(inputs[i], primitive.name(), i);
            primals[i] = d.primal;
            tangents[i] = d.tangent;
            any |= d.tangent != null;
        }
        Tensor out = base.bind(primitive, primals);
        Tensor tangent = any ? primitive.jvp(base, primals, tangents, out) : null;
        if (tangent != null && !tangent.shape().equals(out.shape())) {
            throw new IllegalStateException("jvp rule of '" + primitive.name() + "' returned shape "
                    + tangent.shape() + " for an output of shape " + out.shape());
        }
        return new DualTensor(this, out, tangent);
    }

    private DualTensor liftOperand(Tensor t, String operation, int operand) {
        if (t instanceof DualTensor d && d.ops() == this) {
            return d;
        }
        if (t == null) {
            throw new NullPointerException(operation + ": operand " + operand + " is null");
        }
        try {
            return new DualTensor(this, base.lift(t), null);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(operation + ": operand " + operand + " belongs to " + t.ops()
                    + ", which is neither " + this + " nor a level below it", e);
        }
    }

    private DualTensor own(Tensor t, String what) {
        if (t instanceof DualTensor d && d.ops() == this) {
            return d;
        }
        throw new IllegalArgumentException(what + ": tensor belongs to " + t.ops() + ", not to " + this);
    }

    @Override
    public Tensor constant(Shape shape, double[] values) {
        return new DualTensor(this, base.constant(shape, values), null);
    }

    @Override
    public Tensor lift(Tensor tensor) {
        return liftOperand(tensor, "lift", 0);
    }

    @Override
    public Ops base() {
        return base;
    }

    @Override
    public double[][] export(Tensor tensor) {
        DualTensor d = own(tensor, "export");
        double[][] p = base.export(d.primal);
        double[][] t = base.export(d.tangent != null ? d.tangent : base.zeros(d.shape()));
        double[][] all = new double[p.length + t.length][];
        System.arraycopy(p, 0, all, 0, p.length);
        System.arraycopy(t, 0, all, p.length, t.length);
        return all;
    }

    @Override
    public Tensor restore(Shape shape, double[][] components) {
        int half = base.componentCount();
        double[][] p = new double[half][];
        double[][] t = new double[half][];
        System.arraycopy(components, 0, p, 0, half);
        System.arraycopy(components, half, t, 0, half);
        return new DualTensor(this, base.restore(shape, p), base.restore(shape, t));
    }

    @Override
    public int componentCount() {
        return 2 * base.componentCount();
    }

    @Override
    public String toString() {
        return "Dual#" + id + " on " + base;
    }
}
