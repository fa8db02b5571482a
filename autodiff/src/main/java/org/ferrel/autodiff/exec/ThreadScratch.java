package org.ferrel.autodiff.exec;

import java.util.function.Supplier;

/**
 * Work arrays of a kernel kept per thread, so that a call allocates nothing: {@link #acquire} hands
 * out the calling thread's instance, or a fresh one when that instance is in use (a call re-entered
 * on the same thread, as when a kernel's composite runs inside another of its calls);
 * {@link #release} gives it back. Use as {@code T s = scratch.acquire(); try { ... } finally {
 * scratch.release(s); }}.
 *
 * @param <T> the work arrays (every user must write an entry before reading it)
 */
public final class ThreadScratch<T> {
    private static final class Slot<T> {
        final T value;
        boolean busy;

        Slot(T value) {
            this.value = value;
        }
    }

    private final Supplier<T> factory;
    private final ThreadLocal<Slot<T>> slots;

    public ThreadScratch(Supplier<T> factory) {
        this.factory = factory;
        this.slots = ThreadLocal.withInitial(() -> new Slot<>(factory.get()));
    }

    /** This thread's instance, or a new one if it is taken. */
    public T acquire() {
        Slot<T> s = slots.get();
        if (s.busy) {
            return factory.get();
        }
        s.busy = true;
        return s.value;
    }

    /** Gives back what {@link #acquire} returned on this thread (a fresh instance is simply dropped). */
    public void release(T value) {
        Slot<T> s = slots.get();
        if (s.value == value) {
            s.busy = false;
        }
    }
}
