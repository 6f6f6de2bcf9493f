package dev.benchy.core.run;

import dev.benchy.core.plan.TestCase;

/**
 * What a run tells the outside world while it goes: llama-benchy's console lines, progress, warnings. The CLI
 * prints them to stderr; the service logs them. Every method has a silent default.
 */
public interface RunListener {

    RunListener SILENT = new RunListener() {
    };

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
}
