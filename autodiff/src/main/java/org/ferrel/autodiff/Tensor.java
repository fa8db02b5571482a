package org.ferrel.autodiff;

import org.ferrel.autodiff.primitives.CsrMatrix;

/**
 * An immutable n-dimensional array of doubles belonging to one interpreter ({@link #ops()}).
 * The fluent methods forward to that interpreter, so {@code x.mul(y).add(z)} is recorded on a
 * tape when x lives on one, and evaluated plainly when x is an {@link EagerTensor}.
 */
public sealed interface Tensor permits EagerTensor, DualTensor, TapeTensor {

    Shape shape();

    /** The interpreter this tensor belongs to. */
    Ops ops();

    /** A copy of the (primal) values, row-major. */
    double[] values();

    /** One (primal) value by flat row-major index. */
    double get(int flatIndex);

    default int size() {
        return shape().size();
    }

    /** The value of a one-element tensor. */
    default double item() {
        if (size() != 1) {
            throw new ShapeMismatchException("item: tensor of shape " + shape() + " is not a single value");
        }
        return get(0);
    }

    default Tensor add(Tensor o) {
        return ops().add(this, o);
    }

    default Tensor add(double s) {
        return ops().add(this, s);
    }

    default Tensor sub(Tensor o) {
        return ops().sub(this, o);
    }

    default Tensor sub(double s) {
        return ops().add(this, -s);
    }

    default Tensor mul(Tensor o) {
        return ops().mul(this, o);
    }

    default Tensor mul(double s) {
        return ops().mul(this, s);
    }

    default Tensor div(Tensor o) {
        return ops().div(this, o);
    }

    default Tensor div(double s) {
        return ops().mul(this, 1.0 / s);
    }

    default Tensor neg() {
        return ops().neg(this);
    }

    default Tensor exp() {
        return ops().exp(this);
    }

    default Tensor log() {
        return ops().log(this);
    }

    default Tensor sin() {
        return ops().sin(this);
    }

    default Tensor cos() {
        return ops().cos(this);
    }

    default Tensor tanh() {
        return ops().tanh(this);
    }

    default Tensor sqrt() {
        return ops().sqrt(this);
    }

    default Tensor square() {
        return ops().square(this);
    }

    default Tensor abs() {
        return ops().abs(this);
    }

    default Tensor relu() {
        return ops().relu(this);
    }

    default Tensor sigmoid() {
        return ops().sigmoid(this);
    }

    default Tensor pow(double p) {
        return ops().pow(this, p);
    }

    default Tensor maximum(Tensor o) {
        return ops().maximum(this, o);
    }

    default Tensor minimum(Tensor o) {
        return ops().minimum(this, o);
    }

    default Tensor sum() {
        return ops().sum(this);
    }

    default Tensor sum(int axis) {
        return ops().sum(this, axis);
    }

    default Tensor mean() {
        return ops().mean(this);
    }

    default Tensor dot(Tensor o) {
        return ops().dot(this, o);
    }

    default Tensor reshape(int... dims) {
        return ops().reshape(this, Shape.of(dims));
    }

    default Tensor broadcastTo(Shape target) {
        return ops().broadcastTo(this, target);
    }

    default Tensor slice(int axis, int from, int to) {
        return ops().slice(this, axis, from, to);
    }

    default Tensor roll(int axis, int shift) {
        return ops().roll(this, axis, shift);
    }

    default Tensor shift(int axis, int shift) {
        return ops().shift(this, axis, shift);
    }

    default Tensor transpose() {
        return ops().transpose(this);
    }

    default Tensor matmul(Tensor o) {
        return ops().matmul(this, o);
    }

    default Tensor multiplyBy(CsrMatrix matrix) {
        return ops().multiply(matrix, this);
    }
}
