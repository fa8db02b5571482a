package org.ferrel.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ferrel.autodiff.kernels.Elementwise;

/**
 * Reverse mode: evaluates on its base interpreter and records one node per array operation
 * (primitive, input nodes, input and output values), never per element. {@link #vjp} walks the
 * nodes backwards once, applying each primitive's {@link Primitive#vjp} rule with the base
 * interpreter, and then frees them.
 *
 * <pre>{@code
 * Tape tape = new Tape(eager);
 * Tensor x = tape.variable(x0);
 * Tensor loss = model(tape, x);
 * Tensor[] grad = tape.gradient(loss, x);
 * }</pre>
 *
 * A tape is reversed once. Afterwards its tensors can still be read ({@link Tensor#values()}) but
 * not used in operations, and reversing again fails: both would silently give wrong derivatives.
 * A tape is not thread-safe; the kernels it runs are parallel through its base's backend.
 */
public final class Tape implements Ops {
    private static final AtomicInteger IDS = new AtomicInteger();

    /** {@code residual}: what a {@link FusedKernel}'s adjoint kept from its forward pass (or null). */
    private record Node(Primitive primitive, int[] inputs, Tensor[] inputValues, Tensor output, Object residual) {
    }

    private final Ops base;
    private final int id = IDS.incrementAndGet();
    private final List<Node> nodes = new ArrayList<>();
    private final boolean recycleValues;
    /** Nodes whose value a recorded reverse rule reads (their own or a consumer's). */
    private final java.util.BitSet valueNeeded = new java.util.BitSet(4096);
    /** Nodes whose value was recycled while recording (see {@link #recycle}). */
    private final java.util.BitSet released = new java.util.BitSet(4096);
    private boolean reversed;

    public Tape(Ops base) {
        this(base, false);
    }

    /**
     * @param recycleValues whether {@link #vjp} hands the values of reversed operations (and the
     *                      residuals of fused kernels) to {@link Ops#recycle} once no node needs them:
     *                      for tapes whose owner never reads values after reversal (the recorded steps
     *                      of a time loop). The outputs passed to {@code vjp} and the variables are
     *                      kept.
     */
    public Tape(Ops base, boolean recycleValues) {
        this.base = base;
        this.recycleValues = recycleValues;
    }

    public int id() {
        return id;
    }

    /** Number of nodes recorded so far: the memory a step's tape holds is proportional to it. */
    public int nodeCount() {
        return nodes.size();
    }

    /**
     * What the recorded operations read and wrote: the number of operations and the elements of
     * their inputs and outputs (multiply by 8 for bytes). A lower bound of the memory traffic of
     * running the same code plainly, as every operation reads its inputs and writes its output once.
     */
    public record Traffic(int operations, long elementsRead, long elementsWritten) {
        public long bytes() {
            return 8 * (elementsRead + elementsWritten);
        }
    }

    public Traffic traffic() {
        int operations = 0;
        long read = 0;
        long written = 0;
        for (Node n : nodes) {
            if (n.primitive == null) {
                continue;
            }
            operations++;
            for (Tensor t : n.inputValues) {
                read += t.size();
            }
            written += n.output.size();
        }
        return new Traffic(operations, read, written);
    }

    public boolean isReversed() {
        return reversed;
    }

    /** A differentiable input with the given value (of the base level or below). */
    public Tensor variable(Tensor value) {
        ensureRecording("variable");
        Tensor v = base.lift(value);
        nodes.add(new Node(null, null, null, v, null));
        return new TapeTensor(this, v, nodes.size() - 1);
    }

    public Tensor[] variables(Tensor... values) {
        Tensor[] out = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = variable(values[i]);
        }
        return out;
    }

    /** The recorded value of a tensor of this tape, at the base level. */
    public Tensor value(Tensor t) {
        return own(t, "value").value;
    }

    @Override
    public Tensor bind(Primitive primitive, Tensor... inputs) {
        ensureRecording(primitive.name());
        Tensor[] values = new Tensor[inputs.length];
        int[] ids = new int[inputs.length];
        boolean differentiable = false;
        for (int i = 0; i < inputs.length; i++) {
            TapeTensor t = liftOperand(inputs[i], primitive.name(), i);
            if (t.node >= 0 && released.get(t.node)) {
                throw new IllegalStateException(primitive.name() + ": operand " + i + " was recycled (Ops.recycle)"
                        + " and cannot be used again");
            }
            values[i] = t.value;
            ids[i] = t.node;
            differentiable |= t.node >= 0;
        }
        if (!differentiable) {
            return new TapeTensor(this, base.bind(primitive, values), -1);
        }
        Tensor out;
        Object residual = null;
        if (primitive instanceof FusedKernel fused && base instanceof Eager eager) {
            FusedKernel.Recorded r = fused.evaluateRecording(eager, values);
            out = r.output();
            residual = r.residual();
        } else {
            out = base.bind(primitive, values);
        }
        nodes.add(new Node(primitive, ids, values, out, residual));
        int id = nodes.size() - 1;
        if (primitive.vjpReadsInputs()) {
            for (int in : ids) {
                if (in >= 0) {
                    valueNeeded.set(in);
                }
            }
        }
        if (primitive.vjpReadsOutput()) {
            valueNeeded.set(id);
        }
        return new TapeTensor(this, out, id);
    }

    /**
     * Recycles the values of these recorded intermediates now, where no recorded reverse rule reads
     * them (they fed only linear operations such as views, filters and weighted sums, and their own
     * rule does not read its output); the others stay on the tape until its reversal. The caller
     * promises, as for every {@link Ops#recycle}, not to use them again: an operation on one fails.
     */
    @Override
    public void recycle(Tensor... dead) {
        if (reversed || !(base instanceof Eager eager)) {
            return;
        }
        for (Tensor t : dead) {
            if (t instanceof TapeTensor tt && tt.ops() == this && tt.node >= 0 && !released.get(tt.node)
                    && !valueNeeded.get(tt.node)) {
                Node node = nodes.get(tt.node);
                if (node.primitive != null) {
                    released.set(tt.node);
                    eager.recycle(node.output);
                }
            }
        }
    }

    /** Gradient of a one-element output with respect to {@code wrt}, at the base level. */
    public Tensor[] gradient(Tensor output, Tensor... wrt) {
        if (output.size() != 1) {
            throw new ShapeMismatchException("gradient: output of shape " + output.shape()
                    + " is not a scalar; use vjp with a cotangent");
        }
        return vjp(new Tensor[] {output}, new Tensor[] {base.full(output.shape(), 1.0)}, wrt);
    }

    /**
     * The vector-Jacobian product: cotangents of {@code wrt} given cotangents of {@code outputs}
     * ({@code null} for zero). Results live at the base level; an input the outputs do not depend
     * on gets zeros. Reverses the tape, which cannot be used afterwards.
     */
    public Tensor[] vjp(Tensor[] outputs, Tensor[] cotangents, Tensor[] wrt) {
        if (reversed) {
            throw new IllegalStateException(this + " was already reversed; record the computation again");
        }
        if (outputs.length != cotangents.length) {
            throw new IllegalArgumentException("vjp: " + outputs.length + " outputs but " + cotangents.length + " cotangents");
        }
        int[] wrtNodes = new int[wrt.length];
        for (int k = 0; k < wrt.length; k++) {
            wrtNodes[k] = own(wrt[k], "vjp (wrt " + k + ")").node;
        }
        reversed = true;
        int n = nodes.size();
        Tensor[] adjoint = new Tensor[n];
        boolean[] owned = new boolean[n];
        boolean[] keep = new boolean[n];
        for (int w : wrtNodes) {
            if (w >= 0) {
                keep[w] = true;
            }
        }
        int last = -1;
        for (int k = 0; k < outputs.length; k++) {
            TapeTensor o = own(outputs[k], "vjp (output " + k + ")");
            if (cotangents[k] == null || o.node < 0) {
                continue;
            }
            Tensor c = base.lift(cotangents[k]);
            if (!c.shape().equals(o.shape())) {
                throw new ShapeMismatchException("vjp: output " + k + " has shape " + o.shape()
                        + " but its cotangent has shape " + c.shape());
            }
            accumulate(adjoint, owned, o.node, c);
            last = Math.max(last, o.node);
        }
        boolean[] isOutput = new boolean[n];
        for (Tensor out : outputs) {
            if (out instanceof TapeTensor t && t.ops() == this && t.node >= 0) {
                isOutput[t.node] = true;
            }
        }
        for (int i = last; i >= 0; i--) {
            Node node = nodes.get(i);
            nodes.set(i, null); // later (lower) nodes never read it: its values and residual can go
            Tensor g = adjoint[i];
            if (g == null || node.primitive == null) {
                recycleValues(i, node, isOutput[i] || keep[i], adjoint);
                continue;
            }
            reverseNode(i, node, g, adjoint, owned, keep);
            recycleValues(i, node, isOutput[i] || keep[i], adjoint);
        }
        Tensor[] result = new Tensor[wrt.length];
        for (int k = 0; k < wrt.length; k++) {
            int w = wrtNodes[k];
            result[k] = w >= 0 && adjoint[w] != null ? adjoint[w] : base.zeros(wrt[k].shape());
        }
        nodes.clear();
        return result;
    }

    /** On a recycling tape: gives node's output value and its kernel's residual arrays back for reuse. */
    private void recycleValues(int i, Node node, boolean kept, Tensor[] adjoint) {
        if (!recycleValues || kept || node.primitive == null || !(base instanceof Eager eager)) {
            return;
        }
        if (node.residual != null && node.primitive instanceof FusedKernel fused) {
            eager.recycleArrays(fused.residualArrays(node.residual));
        }
        if (released.get(i) || !(node.output instanceof EagerTensor out)) {
            return; // recycled while recording
        }
        for (int in : node.inputs) {
            if (in >= 0 && adjoint[in] instanceof EagerTensor a && a.data == out.data) {
                return; // a rule passed the value on as a cotangent
            }
        }
        eager.recycle(out);
    }

    /** Passes the cotangent {@code g} of node i on to its inputs. */
    private void reverseNode(int i, Node node, Tensor g, Tensor[] adjoint, boolean[] owned, boolean[] keep) {
        int viewOffset = node.primitive instanceof ContiguousView view && node.inputs.length == 1
                ? view.offset(node.inputValues[0].shape()) : -1;
        if (viewOffset >= 0 && node.inputs[0] >= 0 && base instanceof Eager eager && g instanceof EagerTensor eg) {
            accumulateInto(eager, adjoint, owned, node.inputs[0], node.inputValues[0].shape(), viewOffset, eg);
            if (!keep[i]) {
                release(adjoint, owned, i, node.inputs);
                adjoint[i] = null;
            }
            return;
        }
        if (node.primitive instanceof ScaledSum sum && base instanceof Eager eager && g instanceof EagerTensor eg) {
            for (int j = 0; j < node.inputs.length; j++) {
                if (node.inputs[j] >= 0) {
                    accumulateScaled(eager, adjoint, owned, node.inputs[j], eg, sum.coefficient(j));
                }
            }
            if (!keep[i]) {
                release(adjoint, owned, i, node.inputs);
                adjoint[i] = null;
            }
            return;
        }
        boolean[] wanted = new boolean[node.inputs.length];
        for (int j = 0; j < wanted.length; j++) {
            wanted[j] = node.inputs[j] >= 0;
        }
        Tensor[] grads;
        if (node.primitive instanceof FusedKernel fused && base instanceof Eager eager && g instanceof EagerTensor) {
            // with a residual, a kernel that can adds into the adjoints this tape owns
            double[][] into = node.residual != null && fused.adjointAccumulates()
                    ? accumulationTargets(node, wanted, adjoint, owned) : new double[wanted.length][];
            grads = fused.vjpInto(eager, node.inputValues, node.output, g, wanted, node.residual, into);
        } else {
            grads = node.residual != null && node.primitive instanceof FusedKernel fused
                    ? fused.vjp(base, node.inputValues, node.output, g, wanted, node.residual)
                    : node.primitive.vjp(base, node.inputValues, node.output, g, wanted);
        }
        // a fused kernel's cotangents are arrays it has just created: the tape may own them
        boolean fresh = node.primitive instanceof FusedKernel && base instanceof Eager;
        for (int j = 0; j < wanted.length; j++) {
            if (!wanted[j] || grads[j] == null) {
                continue;
            }
            if (!grads[j].shape().equals(node.inputValues[j].shape())) {
                throw new IllegalStateException("vjp rule of '" + node.primitive.name() + "' returned shape "
                        + grads[j].shape() + " for input " + j + " of shape " + node.inputValues[j].shape());
            }
            accumulate(adjoint, owned, node.inputs[j], grads[j], fresh);
        }
        if (!keep[i]) {
            release(adjoint, owned, i, node.inputs);
            adjoint[i] = null;
        }
    }

    private void accumulate(Tensor[] adjoint, boolean[] owned, int node, Tensor g) {
        accumulate(adjoint, owned, node, g, false);
    }

    /**
     * The adjoint arrays a kernel may add into: the tape's own arrays (owned) of its wanted inputs,
     * each input node once (a node passed twice gets a fresh cotangent the second time).
     */
    private static double[][] accumulationTargets(Node node, boolean[] wanted, Tensor[] adjoint, boolean[] owned) {
        double[][] into = new double[node.inputs.length][];
        for (int j = 0; j < into.length; j++) {
            int in = node.inputs[j];
            if (!wanted[j] || !owned[in] || !(adjoint[in] instanceof EagerTensor a)
                    || !a.shape().equals(node.inputValues[j].shape())) {
                continue;
            }
            boolean repeated = false;
            for (int i = 0; i < j; i++) {
                repeated |= node.inputs[i] == in;
            }
            if (!repeated) {
                into[j] = a.data;
            }
        }
        return into;
    }

    /** @param fresh whether {@code g}'s array was created for this call alone (the tape may then own it) */
    private void accumulate(Tensor[] adjoint, boolean[] owned, int node, Tensor g, boolean fresh) {
        Tensor a = adjoint[node];
        if (a == null) {
            adjoint[node] = g;
            owned[node] = fresh && g instanceof EagerTensor;
        } else if (base instanceof Eager eager && a instanceof EagerTensor ea && g instanceof EagerTensor eg) {
            // a fresh g is this call's alone: it takes the sum (g + a = a + g) or goes back to the pool
            if (owned[node]) {
                eager.addInPlace(ea, eg);
                if (fresh) {
                    eager.recycle(eg);
                }
            } else if (fresh) {
                eager.addInPlace(eg, ea);
                adjoint[node] = eg;
                owned[node] = true;
            } else {
                adjoint[node] = eager.addFresh(ea, eg);
                owned[node] = true;
            }
        } else {
            adjoint[node] = base.add(a, g);
        }
    }

    /**
     * Gives the adjoint array of a node whose cotangent has been passed on back to the buffer pool,
     * when the tape owns it and none of the node's inputs took the same array as its adjoint.
     */
    private void release(Tensor[] adjoint, boolean[] owned, int node, int[] inputs) {
        if (!owned[node] || !(adjoint[node] instanceof EagerTensor e) || !(base instanceof Eager eager)) {
            return;
        }
        for (int in : inputs) {
            if (in >= 0 && adjoint[in] instanceof EagerTensor a && a.data == e.data) {
                return;
            }
        }
        eager.recycle(e);
    }

    /** Adds {@code c g} to the adjoint of {@code node} (or makes it {@code c g}), in one pass. */
    private static void accumulateScaled(Eager eager, Tensor[] adjoint, boolean[] owned, int node, EagerTensor g,
                                         double c) {
        EagerTensor a = (EagerTensor) adjoint[node];
        double[] y = g.data;
        if (a == null) {
            if (c == 1.0) {
                adjoint[node] = g;
                owned[node] = false;
            } else {
                double[] out = eager.array(y.length, false);
                eager.backend().forRange(y.length, (f, t) -> Elementwise.scale(y, c, out, f, t));
                adjoint[node] = new EagerTensor(eager, g.shape(), out);
                owned[node] = true;
            }
            return;
        }
        double[] x = a.data;
        if (owned[node]) {
            eager.backend().forRange(x.length, (f, t) -> Elementwise.addScaledInPlace(x, c, y, f, t));
        } else {
            double[] out = eager.array(x.length, false);
            eager.backend().forRange(x.length, (f, t) -> Elementwise.addScaled(x, c, y, out, f, t));
            adjoint[node] = new EagerTensor(eager, a.shape(), out);
            owned[node] = true;
        }
    }

    /** Adds {@code g} into elements {@code offset ...} of the adjoint of {@code node} (zeros if it has none yet). */
    private static void accumulateInto(Eager eager, Tensor[] adjoint, boolean[] owned, int node, Shape shape, int offset,
                                       EagerTensor g) {
        EagerTensor a = (EagerTensor) adjoint[node];
        if (a == null) {
            double[] zeros = eager.array(shape.size(), false);
            java.util.Arrays.fill(zeros, 0, offset, 0.0);
            System.arraycopy(g.data, 0, zeros, offset, g.data.length);
            java.util.Arrays.fill(zeros, offset + g.data.length, zeros.length, 0.0);
            adjoint[node] = new EagerTensor(eager, shape, zeros);
            owned[node] = true;
            return;
        }
        if (!owned[node]) {
            a = new EagerTensor(eager, shape, a.data.clone());
            adjoint[node] = a;
            owned[node] = true;
        }
        double[] acc = a.data;
        double[] y = g.data;
        for (int k = 0; k < y.length; k++) {
            acc[offset + k] += y[k];
        }
    }

    private void ensureRecording(String operation) {
        if (reversed) {
            throw new IllegalStateException(operation + ": " + this + " was already reversed; its tensors can be"
                    + " read but not used in operations (they would not be differentiated)");
        }
    }

    private TapeTensor liftOperand(Tensor t, String operation, int operand) {
        if (t instanceof TapeTensor tt && tt.ops() == this) {
            return tt;
        }
        if (t == null) {
            throw new NullPointerException(operation + ": operand " + operand + " is null");
        }
        if (t instanceof TapeTensor other && other.ops().isReversed()) {
            throw new IllegalStateException(operation + ": operand " + operand + " was recorded on "
                    + other.ops() + ", which was already reversed");
        }
        try {
            return new TapeTensor(this, base.lift(t), -1);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(operation + ": operand " + operand + " belongs to " + t.ops()
                    + ", which is neither " + this + " nor a level below it", e);
        }
    }

    private TapeTensor own(Tensor t, String what) {
        if (t instanceof TapeTensor tt && tt.ops() == this) {
            return tt;
        }
        throw new IllegalArgumentException(what + ": tensor belongs to " + (t == null ? "nothing" : t.ops())
                + ", not to " + this);
    }

    @Override
    public Tensor constant(Shape shape, double[] values) {
        ensureRecording("constant");
        return new TapeTensor(this, base.constant(shape, values), -1);
    }

    @Override
    public Tensor lift(Tensor tensor) {
        ensureRecording("lift");
        return liftOperand(tensor, "lift", 0);
    }

    @Override
    public Ops base() {
        return base;
    }

    @Override
    public double[][] export(Tensor tensor) {
        return base.export(own(tensor, "export").value);
    }

    @Override
    public Tensor restore(Shape shape, double[][] components) {
        ensureRecording("restore");
        return new TapeTensor(this, base.restore(shape, components), -1);
    }

    @Override
    public int componentCount() {
        return base.componentCount();
    }

    @Override
    public String toString() {
        return "Tape#" + id + " on " + base;
    }
}
