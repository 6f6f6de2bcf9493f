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
 * Prints a run's lines and progress to stderr, so stdout carries only the result. Where stderr is a terminal, a
 * single progress bar is redrawn in place under the lines (the suite's runs done, what runs, for how long, how many
 * of its requests are done). Elsewhere (a pipe, a file, a CI log) each run gets a line naming the test (i/N), the run
 * (j/R) and the time since bench started; and whatever takes long (a run, or a step such as the warm-up: a prefill
 * at a depth of 100k tokens can take minutes) gets a "still running" line every {@code interval}, counted from its own
 * start, so a person can tell a slow server from a hung one. {@code --quiet} keeps warnings only.
 */
final class ConsoleListener implements RunListener, AutoCloseable {

    /** How long something runs before it says it is still running, and how often it says so again. */
    static final Duration HEARTBEAT = Duration.ofSeconds(30);

    /** How often the time is looked at: the bar's clock, the "still running" lines. */
    private static final long TICK_MILLIS = 1000;

    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintStream err;
    private final boolean quiet;
    private final NanoClock clock;
    private final long startNanos;
    private final RunProgress progress;
    private final boolean bar;
    private final int width;
    private final ScheduledExecutorService ticker;
    private boolean barShown;

    /**
     * @param terminal whether stderr is a terminal: a progress bar instead of per-run lines
     */
    ConsoleListener(PrintStream err, boolean quiet, NanoClock clock, boolean terminal) {
        this(err, quiet, clock, HEARTBEAT, terminal, StderrTerminal.width(), true);
    }

    /**
     * @param interval something running this long gets a "still running" line, and again after each interval
     * @param width    the terminal's width (the bar is cut to it)
     * @param ticking  whether a timer calls {@link #tick()} every second (tests call it)
     */
    ConsoleListener(PrintStream err, boolean quiet, NanoClock clock, Duration interval, boolean terminal, int width,
                    boolean ticking) {
        this.err = err;
        this.quiet = quiet;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.progress = new RunProgress(interval.toNanos());
        this.bar = terminal && !quiet;
        this.width = width;
        if (quiet || !ticking) {
            ticker = null;
        } else {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "benchy-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void info(String line) {
        if (!quiet) {
            print(line);
        }
    }

    @Override
    public void warning(String message) {
        print("Warning: " + message);
    }

    @Override
    public void stepStarting(String step) {
        progress.step(step, clock.nanoTime());
    }

    @Override
    public void runStarting(TestCase testCase, int testIndex, int tests, int run, int runs, String phase) {
        String what = "standard".equals(phase) ? "" : phase + ", ";
        String label = String.format(Locale.ROOT, "[test %d/%d %s] Run %d/%d (%sbatch size %d)", testIndex, tests,
                testCase.label(), run, runs, what, testCase.concurrency());
        progress.run(label, testCase.concurrency(), (testIndex - 1) * runs + run - 1, tests * runs,
                clock.nanoTime());
        if (!quiet && !bar) {
            print(String.format(Locale.ROOT, "  %s... elapsed %s", label, elapsed()));
        }
    }

    @Override
    public void requestFinished() {
        progress.requestFinished();
    }

    /** The timer: redraws the bar, or says what has been running for another interval. */
    void tick() {
        if (quiet) {
            return;
        }
        if (bar) {
            redraw();
            return;
        }
        String still = progress.stillRunning(clock.nanoTime());
        if (still != null) {
            print("  " + still + ", elapsed " + elapsed());
        }
    }

    private synchronized void print(String line) {
        if (barShown) {
            err.print(CLEAR_LINE);
        }
        err.println(line);
        if (barShown) {
            err.print(progress.bar(clock.nanoTime(), elapsed(), width));
        }
        err.flush();
    }

    private synchronized void redraw() {
        err.print(CLEAR_LINE + progress.bar(clock.nanoTime(), elapsed(), width));
        err.flush();
        barShown = true;
    }

    private String elapsed() {
        return RunProgress.clock(clock.nanoTime() - startNanos);
    }

    /** Stops the timer and takes the bar away, so what follows starts on a clean line. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        synchronized (this) {
            if (barShown) {
                err.print(CLEAR_LINE);
                err.flush();
                barShown = false;
            }
        }
    }
}
