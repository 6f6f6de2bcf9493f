package dev.benchy.core.run;

/**
 * A run cannot go on: the warm-up or coherence test failed, or a request failed under exit-on-first-fail.
 * Its message is what the user reads (never carries a secret).
 */
public final class BenchmarkFailure extends RuntimeException {

    public BenchmarkFailure(String message) {
        super(message);
    }
}
