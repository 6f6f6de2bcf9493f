package dev.benchy.core.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The user's shell command run after each measured run (e.g. to drop a server cache, or to log GPU state). It runs
 * in its own process after the run's requests have all finished, so it never overlaps a measurement, and the next
 * run starts when it is done (that is its purpose). Its output goes to a temporary file, never to stdout: a
 * command that leaves a background child holding its output cannot hang the suite, and its last line explains a
 * failure. A failure (non-zero exit, timeout) is reported and the suite goes on.
 */
final class PostRunCommand {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final String command;
    private final Duration timeout;

    PostRunCommand(String command) {
        this(command, DEFAULT_TIMEOUT);
    }

    PostRunCommand(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    /** Runs the command; returns null when it succeeded, else what went wrong. */
    String run() {
        Path output;
        try {
            output = Files.createTempFile("benchy-post-run", ".log");
        } catch (IOException e) {
            return "Post-run command failed: cannot create its output file: " + e.getMessage();
        }
        try {
            return run(output.toFile());
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    private String run(File output) {
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(output).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        } catch (IOException e) {
            return "Post-run command failed to start: " + e.getMessage();
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return "Post-run command timed out after " + describe(timeout) + ": " + command;
            }
            int exit = process.exitValue();
            return exit == 0 ? null : "Post-run command failed (exit " + exit + "): " + lastLine(output.toPath());
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return "Post-run command interrupted";
        }
    }

    private static File nullFile() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    private static String lastLine(Path output) {
        try {
            String text = Files.readString(output, StandardCharsets.UTF_8).strip();
            int nl = text.lastIndexOf('\n');
            return nl < 0 ? text : text.substring(nl + 1);
        } catch (IOException e) {
            return "(its output could not be read: " + e.getMessage() + ")";
        }
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
