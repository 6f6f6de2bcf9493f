package dev.benchy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the packaged jar as a user does ({@code java -jar quarkus-run.jar ARGS}) and keeps what it printed. */
public final class JarRun {

    /** The jar under test: {@code benchy.jar} as failsafe sets it, else the usual build output. */
    public static final Path JAR = Path.of(System.getProperty("benchy.jar", "target/quarkus-app/quarkus-run.jar"));

    /** What a run left behind. */
    public record Result(int exit, String stdout, String stderr) {
    }

    private JarRun() {
    }

    /** Runs the jar with {@code args} and waits for it, at most {@code timeout}. */
    public static Result run(List<String> args, Duration timeout) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).start();
        byte[][] err = new byte[1][];
        Thread reader = new Thread(() -> err[0] = readAll(process.getErrorStream()));
        reader.start();
        byte[] out = readAll(process.getInputStream());
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "the jar did not finish");
        reader.join();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err[0], StandardCharsets.UTF_8));
    }

    /** All of a process's stream, or nothing when it broke. */
    public static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
