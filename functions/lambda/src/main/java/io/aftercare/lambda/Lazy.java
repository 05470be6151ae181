package io.aftercare.lambda;

import java.util.function.Supplier;

/** A value built on first use, once: each function builds only the services it uses. */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> build;
    private volatile T value;

    Lazy(Supplier<T> build) {
        this.build = build;
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = build.get();
                    value = current;
                }
            }
        }
        return current;
    }
}
