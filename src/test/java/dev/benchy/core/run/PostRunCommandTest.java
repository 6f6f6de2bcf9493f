package dev.benchy.core.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The post-run command: success, failure with its last line, a timeout, and a background child that keeps going. */
class PostRunCommandTest {

    @Test
    void successIsNull() {
        assertNull(new PostRunCommand("true").run());
    }

    @Test
    void failureNamesTheExitCodeAndTheLastLineOfOutput() {
        assertEquals("Post-run command failed (exit 3): cache not dropped",
                new PostRunCommand("echo working; echo 'cache not dropped' >&2; exit 3").run());
    }

    @Test
    void aCommandThatRunsTooLongIsStopped() {
        String result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> new PostRunCommand("sleep 30", Duration.ofMillis(300)).run());
        assertEquals("Post-run command timed out after 300 ms: sleep 30", result);
    }

    @Test
    void aBackgroundChildHoldingTheOutputDoesNotHangTheSuite() {
        String result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> new PostRunCommand("sleep 6 & echo started", Duration.ofSeconds(20)).run());
        assertNull(result);
    }
}
