package dev.benchy.core.run;

import dev.benchy.core.plan.TestCase;

import java.util.List;

/**
 * What a run tells the outside world while it goes: llama-benchy's console lines, progress, warnings. The CLI
 * prints them to stderr; the service logs them. Every method has a silent default.
 */
public interface RunListener {

    RunListener SILENT = new RunListener() {
    };

    /** A listener that tells each of {@code listeners}, in order. */
    static RunListener all(RunListener... listeners) {
        List<RunListener> each = List.of(listeners);
        return new RunListener() {
            @Override
            public void info(String line) {
                each.forEach(l -> l.info(line));
            }

            @Override
            public void warning(String message) {
                each.forEach(l -> l.warning(message));
            }

            @Override
            public void runStarting(TestCase testCase, int testIndex, int tests, int run, int runs, String phase) {
                each.forEach(l -> l.runStarting(testCase, testIndex, tests, run, runs, phase));
            }

            @Override
            public void stepStarting(String step) {
                each.forEach(l -> l.stepStarting(step));
            }

            @Override
            public void requestFinished() {
                each.forEach(RunListener::requestFinished);
            }

            @Override
            public void latencyMeasured(String mode, double seconds) {
                each.forEach(l -> l.latencyMeasured(mode, seconds));
            }

            @Override
            public void batchFinished(FinishedBatch batch) {
                each.forEach(l -> l.batchFinished(batch));
            }
        };
    }

    /** A line llama-benchy would print ("Average latency (api): 1.20 ms", "Running test: ..."). */
    default void info(String line) {
    }

    /** Something the user should know that does not stop the run. */
    default void warning(String message) {
    }

    /**
     * A run (batch) is about to start.
     *
     * @param testIndex  1-based index of the test shape
     * @param tests      number of test shapes
     * @param run        1-based run number within the test
     * @param runs       runs per test
     * @param phase      "standard", "context load" or "inference"
     */
    default void runStarting(TestCase testCase, int testIndex, int tests, int run, int runs, String phase) {
    }

    /**
     * A step outside the measured runs is about to send its requests ("model detection", "warm-up", "coherence
     * test", "latency"…): a slow server shows there first.
     */
    default void stepStarting(String step) {
    }

    /**
     * One request of the current run (batch) has finished, well or not. Called on the thread that completed it
     * (a network thread): keep it short and thread-safe.
     */
    default void requestFinished() {
    }

    /** The network latency was measured (seconds; 0 in latency mode {@code none}). */
    default void latencyMeasured(String mode, double seconds) {
    }

    /** A batch ended; called after its last request, off the timed path. */
    default void batchFinished(FinishedBatch batch) {
    }
}
