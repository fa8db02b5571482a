package org.ferrel.autodiff.primitives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ferrel.autodiff.Ops;
import org.ferrel.autodiff.ScaledSum;
import org.ferrel.autodiff.Shape;
import org.ferrel.autodiff.ShapeMismatchException;
import org.ferrel.autodiff.Tensor;
import org.ferrel.autodiff.exec.Backend;
import org.ferrel.autodiff.kernels.Elementwise;

/**
 * {@code y = c_0 x_0 + c_1 x_1 + ... } for tensors of one shape, in one pass: a Runge-Kutta stage
 * such as {@code 3/4 x + 1/4 x1 + dt/4 F(x1)} as one operation instead of three. The sum is formed
 * left to right. Derivatives: {@code dy = sum c_i dx_i}; cotangents {@code c_i g} (the cotangent
 * itself where {@code c_i = 1}).
 */
public final class LinearCombination implements ScaledSum {
    private final double[] coefficients;

    public LinearCombination(double... coefficients) {
        if (coefficients.length < 2 || coefficients.length > 4) {
            throw new IllegalArgumentException("linearCombination: 2 to 4 terms, got " + coefficients.length);
        }
        this.coefficients = coefficients.clone();
    }

    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double coefficient(int input) {
        return coefficients[input];
    }

    @Override
    public String name() {
        return "linearCombination";
    }

    @Override
    public Shape outputShape(Shape[] inputs) {
        Rules.requireArity(name(), inputs, coefficients.length);
        for (int i = 1; i < inputs.length; i++) {
            if (!inputs[i].equals(inputs[0])) {
                throw new ShapeMismatchException(name(), inputs[0], inputs[i]);
            }
        }
        return inputs[0];
    }

    @Override
    public void evaluate(Backend backend, double[][] in, Shape[] shapes, double[] out, Shape outShape) {
        double[] c = coefficients;
        switch (c.length) {
            case 2 -> backend.forRange(out.length, (f, t) -> Elementwise.combine2(c[0], in[0], c[1], in[1], out, f, t));
            case 3 -> backend.forRange(out.length,
                    (f, t) -> Elementwise.combine3(c[0], in[0], c[1], in[1], c[2], in[2], out, f, t));
            default -> backend.forRange(out.length,
                    (f, t) -> Elementwise.combine4(c[0], in[0], c[1], in[1], c[2], in[2], c[3], in[3], out, f, t));
        }
    }

    @Override
    public Tensor jvp(Ops ops, Tensor[] p, Tensor[] t, Tensor out) {
        List<Tensor> tangents = new ArrayList<>();
        List<Double> factors = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i] != null) {
                tangents.add(t[i]);
                factors.add(coefficients[i]);
            }
        }
        if (tangents.isEmpty()) {
            return null;
        }
        if (tangents.size() == 1) {
            return factors.get(0) == 1.0 ? tangents.get(0) : ops.mul(tangents.get(0), factors.get(0));
        }
        double[] c = factors.stream().mapToDouble(Double::doubleValue).toArray();
        return ops.bind(new LinearCombination(c), tangents.toArray(new Tensor[0]));
    }

    @Override
    public Tensor[] vjp(Ops ops, Tensor[] p, Tensor out, Tensor g, boolean[] wanted) {
        Tensor[] result = new Tensor[coefficients.length];
        for (int i = 0; i < result.length; i++) {
            if (wanted[i]) {
                result[i] = coefficients[i] == 1.0 ? g : ops.mul(g, coefficients[i]);
            }
        }
        return result;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearCombination l && Arrays.equals(l.coefficients, coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "linearCombination" + Arrays.toString(coefficients);
    }
}
