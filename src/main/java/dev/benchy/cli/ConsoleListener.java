package dev.benchy.cli;

import dev.benchy.core.NanoClock;
import dev.benchy.core.plan.TestCase;
import dev.benchy.core.run.RunListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a run's lines and progress to stderr, so stdout carries only the result. {@code --quiet} keeps warnings
 * only.
 */
final class ConsoleListener implements RunListener {

    private final PrintStream err;
    private final boolean quiet;
    private final NanoClock clock;
    private final long startNanos;

    ConsoleListener(PrintStream err, boolean quiet, NanoClock clock) {
        this.err = err;
        this.quiet = quiet;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
    }

    @Override
    public void info(String line) {
        if (!quiet) {
            err.println(line);
        }
    }

    @Override
    public void warning(String message) {
        err.println("Warning: " + message);
    }

    @Override
    public void runStarting(TestCase testCase, int testIndex, int tests, int run, int runs, String phase) {
        if (quiet) {
            return;
        }
        String what = "standard".equals(phase) ? "" : phase + ", ";
        err.printf(Locale.ROOT, "  [test %d/%d %s] Run %d/%d (%sbatch size %d)... elapsed %s%n", testIndex, tests,
                testCase.label(), run, runs, what, testCase.concurrency(), elapsed());
    }

    private String elapsed() {
        long seconds = (clock.nanoTime() - startNanos) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
