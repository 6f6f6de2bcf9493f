package dev.benchy.cli;

import dev.benchy.core.NanoClock;
import dev.benchy.core.plan.TestCase;
import dev.benchy.core.run.RunListener;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a run's lines and progress to stderr, so stdout carries only the result. Each run (batch) gets a line
 * naming the test (i/N), the run (j/R) and the time elapsed since the start; a run that takes long (a prefill at a
 * depth of 100k tokens can take minutes) gets a "still running" line every {@code heartbeat}, so a person at the
 * terminal can tell a slow server from a hung one. {@code --quiet} keeps warnings only.
 */
final class ConsoleListener implements RunListener, AutoCloseable {

    /** How often a long run says it is still going. */
    static final Duration HEARTBEAT = Duration.ofSeconds(30);

    private final PrintStream err;
    private final boolean quiet;
    private final NanoClock clock;
    private final long startNanos;
    private final long intervalNanos;
    private final ScheduledExecutorService heartbeat;
    private String current;
    private long currentStartNanos;

    ConsoleListener(PrintStream err, boolean quiet, NanoClock clock) {
        this(err, quiet, clock, HEARTBEAT, true);
    }

    /**
     * @param interval a run this long gets a "still running" line
     * @param ticking  whether a timer calls {@link #stillRunning()} every {@code interval} (tests call it)
     */
    ConsoleListener(PrintStream err, boolean quiet, NanoClock clock, Duration interval, boolean ticking) {
        this.err = err;
        this.quiet = quiet;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.intervalNanos = interval.toNanos();
        if (quiet || !ticking) {
            heartbeat = null;
        } else {
            heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "benchy-progress");
                thread.setDaemon(true);
                return thread;
            });
            long millis = interval.toMillis();
            heartbeat.scheduleAtFixedRate(this::stillRunning, millis, millis, TimeUnit.MILLISECONDS);
        }
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
        String progress = String.format(Locale.ROOT, "[test %d/%d %s] Run %d/%d (%sbatch size %d)", testIndex, tests,
                testCase.label(), run, runs, what, testCase.concurrency());
        synchronized (this) {
            current = progress;
            currentStartNanos = clock.nanoTime();
        }
        err.printf(Locale.ROOT, "  %s... elapsed %s%n", progress, elapsed());
    }

    /** The heartbeat: repeats the line of a run that has been going for an interval or more. */
    void stillRunning() {
        String progress;
        synchronized (this) {
            progress = clock.nanoTime() - currentStartNanos >= intervalNanos ? current : null;
        }
        if (progress != null && !quiet) {
            err.printf(Locale.ROOT, "  %s still running... elapsed %s%n", progress, elapsed());
        }
    }

    private String elapsed() {
        long seconds = (clock.nanoTime() - startNanos) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** Stops the heartbeat. */
    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
    }
}
