package harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server the harness started, its output going to a log file. */
final class Launched implements AutoCloseable {

    private static final long START_TIMEOUT_NANOS = 60_000_000_000L;

    private final Process process;
    private final Path log;

    private Launched(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Launched start(List<String> command, Path log) throws IOException {
        return new Launched(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start(), log);
    }

    /** Waits up to 60 s for a log line matching {@code line} and returns its first group; stops the process if none. */
    String await(Pattern line, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            Matcher m = line.matcher(log());
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException(what + " must start, but did not: " + log());
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    Process process() {
        return process;
    }

    /** Stops the process and waits for it to end. */
    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
