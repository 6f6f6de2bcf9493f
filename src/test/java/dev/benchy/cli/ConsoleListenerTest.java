package dev.benchy.cli;

import dev.benchy.core.plan.TestCase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The progress lines of {@code bench} on a fake clock: one per run, and a heartbeat for a run that takes long. */
class ConsoleListenerTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(seconds * 1_000_000_000L);
    }

    @Test
    void aLongRunSaysItIsStillRunningOncePerInterval() {
        ConsoleListener console = new ConsoleListener(err, false, now::get, Duration.ofSeconds(30), false);
        console.stillRunning();
        assertEquals("", printed(), "nothing before the first run");
        advanceSeconds(61);
        console.runStarting(new TestCase(65536, 2048, 32, 2), 3, 4, 2, 3, "context load");
        advanceSeconds(29);
        console.stillRunning();
        advanceSeconds(1);
        console.stillRunning();
        advanceSeconds(30);
        console.stillRunning();
        String line = "  [test 3/4 pp2048 tg32 @ d65536 (c2)] Run 2/3 (context load, batch size 2)";
        assertEquals(line + "... elapsed 1:01\n"
                + line + " still running... elapsed 1:31\n"
                + line + " still running... elapsed 2:01\n", printed());
    }

    @Test
    void quietPrintsWarningsOnly() {
        ConsoleListener console = new ConsoleListener(err, true, now::get, Duration.ofSeconds(30), false);
        console.info("Running test: pp=1, tg=1, depth=0, concurrency=1");
        console.runStarting(new TestCase(0, 1, 1, 1), 1, 1, 1, 1, "standard");
        advanceSeconds(100);
        console.stillRunning();
        console.warning("the server said no usage");
        assertEquals("Warning: the server said no usage\n", printed());
    }
}
