package dev.benchy.core.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The user's shell command run after each measured run (e.g. to drop a server cache). It runs in its own process
 * after the run's requests have all finished, so it never overlaps a measurement; its output is kept out of stdout.
 * A failure is reported and the suite goes on.
 */
final class PostRunCommand {

    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final String command;

    PostRunCommand(String command) {
        this.command = command;
    }

    /** Runs the command; returns null when it succeeded, else what went wrong. */
    String run() {
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return "Post-run command failed to start: " + e.getMessage();
        }
        try (InputStream out = process.getInputStream()) {
            byte[] output = out.readAllBytes();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "Post-run command timed out after " + TIMEOUT.toMinutes() + " min";
            }
            int exit = process.exitValue();
            return exit == 0 ? null : "Post-run command failed (exit " + exit + "): " + lastLine(output);
        } catch (IOException e) {
            return "Post-run command failed: " + e.getMessage();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return "Post-run command interrupted";
        }
    }

    private static String lastLine(byte[] output) {
        String text = new String(output, StandardCharsets.UTF_8).strip();
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? text : text.substring(nl + 1);
    }
}
