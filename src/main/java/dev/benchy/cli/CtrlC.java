package dev.benchy.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C during {@code bench}. Left to the JVM, SIGINT would start the shutdown at once and the tests already
 * measured would be lost; llama-benchy instead saves them (spec §14). So while a run is in progress the first
 * Ctrl-C only interrupts the benchmarking thread: the runner stops, the tests completed so far are written and the
 * command exits 1. A second Ctrl-C is handed to the previous handler, which ends the process at once.
 *
 * <p>Where the signal cannot be handled (a JVM started with {@code -Xrs}, a platform without SIGINT), this does
 * nothing and Ctrl-C keeps its usual effect.
 */
final class CtrlC implements AutoCloseable {

    /** The exit status of a process ended by SIGINT, used when the previous handler is native. */
    static final int INTERRUPTED_STATUS = 130;

    private static final String SIGINT = "INT";

    private final SignalHandler previous;

    private CtrlC(SignalHandler previous) {
        this.previous = previous;
    }

    /** From now until {@link #close()}, the first Ctrl-C interrupts {@code target} and says so on {@code err}. */
    static CtrlC interrupting(Thread target, PrintStream err) {
        AtomicBoolean pressed = new AtomicBoolean();
        SignalHandler[] previous = new SignalHandler[1];
        try {
            previous[0] = Signal.handle(new Signal(SIGINT), signal -> {
                if (pressed.compareAndSet(false, true)) {
                    err.println();
                    err.println("[Interrupted] Stopping; the completed tests will be saved."
                            + " Press Ctrl-C again to quit at once.");
                    target.interrupt();
                } else {
                    quit(previous[0], signal);
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return new CtrlC(null);
        }
        return new CtrlC(previous[0]);
    }

    private static void quit(SignalHandler previous, Signal signal) {
        try {
            previous.handle(signal);
        } catch (UnsupportedOperationException | NullPointerException e) {
            Runtime.getRuntime().exit(INTERRUPTED_STATUS);
        }
    }

    /** Gives Ctrl-C back its previous meaning. */
    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(new Signal(SIGINT), previous);
        }
    }
}
