package dev.benchy.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) and SIGTERM during {@code bench}: SIGTERM is what {@code timeout}, CI runners and container
 * runtimes send, and it means the same as Ctrl-C. Left to the JVM, either would start the shutdown at once and the
 * tests already measured would be lost; llama-benchy instead saves them (spec §14). So while a run is in progress the
 * first of them only interrupts the benchmarking thread: the runner stops, the tests completed so far are written
 * and the command exits 1. A second one is handed to the previous handler, which ends the process at once.
 *
 * <p>Where a signal cannot be handled (a JVM started with {@code -Xrs}, a platform without it), this leaves it
 * alone and it keeps its usual effect.
 */
final class StopSignals implements AutoCloseable {

    private static final Map<String, String> STOPPING = Map.of(
            "INT", "[Interrupted] Stopping; the completed tests will be saved. Press Ctrl-C again to quit at once.",
            "TERM", "[Terminated] Stopping on SIGTERM; the completed tests will be saved. A second SIGTERM quits at"
                    + " once.");

    private final Map<String, SignalHandler> previous;

    private StopSignals(Map<String, SignalHandler> previous) {
        this.previous = previous;
    }

    /** From now until {@link #close()}, the first SIGINT or SIGTERM interrupts {@code target}, saying so on err. */
    static StopSignals interrupting(Thread target, PrintStream err) {
        AtomicBoolean stopping = new AtomicBoolean();
        Map<String, SignalHandler> previous = new HashMap<>();
        for (Map.Entry<String, String> entry : STOPPING.entrySet()) {
            String name = entry.getKey();
            try {
                previous.put(name, Signal.handle(new Signal(name), signal -> {
                    if (stopping.compareAndSet(false, true)) {
                        err.println();
                        err.println(entry.getValue());
                        target.interrupt();
                    } else {
                        quit(previous.get(name), signal);
                    }
                }));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // this signal keeps its usual effect
            }
        }
        return new StopSignals(previous);
    }

    private static void quit(SignalHandler previous, Signal signal) {
        try {
            previous.handle(signal);
        } catch (UnsupportedOperationException | NullPointerException e) {
            // a native default handler cannot be called from Java: end as the signal would have
            Runtime.getRuntime().exit(128 + signal.getNumber());
        }
    }

    /** Gives the signals back their previous meaning. */
    @Override
    public void close() {
        previous.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
    }
}
