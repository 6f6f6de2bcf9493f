package dev.benchy.cli;

import dev.benchy.core.plan.TestCase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The progress of {@code bench} on a fake clock: plain lines where stderr is not a terminal (one per run, and a
 * "still running" line for whatever takes long, counted from its own start), a bar redrawn in place where it is.
 */
class ConsoleListenerTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(seconds * 1_000_000_000L);
    }

    private ConsoleListener lines() {
        return new ConsoleListener(err, false, now::get, INTERVAL, false, 80, false);
    }

    /** Ticks once a second, as the timer does, for {@code seconds}. */
    private void runFor(ConsoleListener console, int seconds) {
        for (int i = 0; i < seconds; i++) {
            advanceSeconds(1);
            console.tick();
        }
    }

    @Test
    void aLongRunSaysItIsStillRunningOncePerIntervalOfItsOwn() {
        ConsoleListener console = lines();
        console.tick();
        assertEquals("", printed(), "nothing before anything runs");
        advanceSeconds(61);
        console.runStarting(new TestCase(65536, 2048, 32, 2), 3, 4, 2, 3, "context load");
        runFor(console, 29);
        runFor(console, 1);
        runFor(console, 30);
        String line = "  [test 3/4 pp2048 tg32 @ d65536 (c2)] Run 2/3 (context load, batch size 2)";
        assertEquals(line + "... elapsed 1:01\n"
                + line + " still running... 0:30 so far, 0/2 requests done, elapsed 1:31\n"
                + line + " still running... 1:00 so far, 0/2 requests done, elapsed 2:01\n", printed());
    }

    /**
     * The case that printed nothing: a 41 s request that started 35 s into the process. A timer counting from the
     * process start looked at 30 s (not yet running) and 60 s (25 s old), then the request was over.
     */
    @Test
    void theTimerCountsFromTheRunNotFromTheStart() {
        ConsoleListener console = lines();
        runFor(console, 35);
        console.runStarting(new TestCase(40000, 512, 32, 1), 1, 1, 1, 1, "standard");
        runFor(console, 41);
        assertEquals("  [test 1/1 pp512 tg32 @ d40000 (c1)] Run 1/1 (batch size 1)... elapsed 0:35\n"
                + "  [test 1/1 pp512 tg32 @ d40000 (c1)] Run 1/1 (batch size 1) still running... 0:30 so far,"
                + " elapsed 1:05\n", printed());
    }

    @Test
    void aRunningBatchSaysHowManyOfItsRequestsAreDone() {
        ConsoleListener console = lines();
        console.runStarting(new TestCase(0, 512, 32, 4), 1, 1, 1, 1, "standard");
        console.requestFinished();
        console.requestFinished();
        runFor(console, 30);
        assertTrue(printed().endsWith("(batch size 4) still running... 0:30 so far, 2/4 requests done,"
                + " elapsed 0:30\n"), printed());
    }

    @Test
    void aSlowStepOutsideTheRunsSaysSoToo() {
        ConsoleListener console = lines();
        advanceSeconds(4);
        console.stepStarting("coherence test");
        runFor(console, 30);
        console.stepStarting("latency (api)");
        runFor(console, 10);
        assertEquals("  coherence test still running... 0:30 so far, elapsed 0:34\n", printed());
    }

    @Test
    void quietPrintsWarningsOnly() {
        ConsoleListener console = new ConsoleListener(err, true, now::get, INTERVAL, false, 80, false);
        console.info("Running test: pp=1, tg=1, depth=0, concurrency=1");
        console.runStarting(new TestCase(0, 1, 1, 1), 1, 1, 1, 1, "standard");
        runFor(console, 100);
        console.warning("the server said no usage");
        assertEquals("Warning: the server said no usage\n", printed());
    }

    /** On a terminal: one bar, redrawn in place; lines are printed above it; it is gone when the run ends. */
    @Test
    void onATerminalOneBarIsRedrawnUnderTheLines() {
        ConsoleListener console = new ConsoleListener(err, false, now::get, INTERVAL, true, 140, false);
        console.info("Running test: pp=512, tg=32, depth=0, concurrency=2");
        console.runStarting(new TestCase(0, 512, 32, 2), 1, 2, 2, 2, "standard");
        advanceSeconds(1);
        console.tick();
        console.requestFinished();
        advanceSeconds(1);
        console.tick();
        console.warning("slow");
        console.close();
        String clear = "\r\033[K";
        String bar = "[#####---------------] 1/4 runs  elapsed 0:0";
        String run = " | [test 1/2 pp512 tg32 (c2)] Run 2/2 (batch size 2)";
        assertEquals("Running test: pp=512, tg=32, depth=0, concurrency=2\n"
                + clear + bar + "1 | 0:01, 0/2 requests done" + run
                + clear + bar + "2 | 0:02, 1/2 requests done" + run
                + clear + "Warning: slow\n" + bar + "2 | 0:02, 1/2 requests done" + run
                + clear, printed());
    }

    @Test
    void stderrIsATerminalOnlyWhenItPointsAtOne() {
        assertTrue(StderrTerminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(StderrTerminal.isTerminalDevice("/dev/tty1"));
        assertFalse(StderrTerminal.isTerminalDevice("pipe:[52718]"));
        assertFalse(StderrTerminal.isTerminalDevice("/tmp/bench.log"));
        assertFalse(StderrTerminal.isTerminalDevice("/dev/null"));
    }

    @Test
    void theBarIsCutToTheTerminalsWidth() {
        ConsoleListener console = new ConsoleListener(err, false, now::get, INTERVAL, true, 42, false);
        console.runStarting(new TestCase(65536, 2048, 32, 64), 3, 4, 2, 3, "context load");
        console.tick();
        assertEquals("\r\033[K[############--------] 7/12 runs  elapsed", printed());
    }
}
