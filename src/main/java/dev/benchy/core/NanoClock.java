package dev.benchy.core;

/**
 * The monotonic clock every measurement reads. Production uses {@link #SYSTEM}; tests drive a fake.
 */
@FunctionalInterface
public interface NanoClock {

    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
