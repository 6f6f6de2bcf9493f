package dev.benchy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged jar run to its end as a user runs it, its stdout and stderr read whole (for the ITs). */
public final class JarRun {

    public static final Path JAR = Path.of(System.getProperty("benchy.jar", "target/quarkus-app/quarkus-run.jar"))
            .toAbsolutePath();

    /** What a run left: its exit code and its two streams. */
    public record Result(int exit, String stdout, String stderr) {

        public List<String> errLines() {
            return stderr.lines().toList();
        }
    }

    private JarRun() {
    }

    /** {@code java -jar JAR args}, in this directory, within a minute. */
    public static Result run(List<String> args) throws Exception {
        return run(null, List.of(), args, 60);
    }

    /**
     * {@code java jvmArgs -jar JAR args}.
     *
     * @param dir the working directory, or null for this one
     * @throws AssertionError when the jar has not finished within {@code timeoutSeconds} (it is then killed)
     */
    public static Result run(Path dir, List<String> jvmArgs, List<String> args, long timeoutSeconds)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process p = builder.start();
        byte[][] err = new byte[1][];
        Thread reader = new Thread(() -> err[0] = readAll(p.getErrorStream()));
        reader.start();
        byte[] out = readAll(p.getInputStream());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the jar did not finish within " + timeoutSeconds + " s: " + args);
        }
        reader.join();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err[0], StandardCharsets.UTF_8));
    }

    /** Everything until the stream ends (the process exits); nothing when it cannot be read. */
    public static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
