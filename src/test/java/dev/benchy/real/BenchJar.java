package dev.benchy.real;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * benchy's {@code bench} command as a user runs it: the packaged jar in its own JVM, JSON on stdout. Every run's
 * stdout and stderr are kept under {@code target/real-llama/} to read after a failure.
 */
final class BenchJar {

    private static final Path JAR = Path.of(System.getProperty("benchy.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final Path OUTPUT = Path.of("target/real-llama");
    /** Long enough (about 130k tokens) that the prompts of a run do not repeat: the test book has 600 tokens. */
    private static final String BOOK = "builtin:generated";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MINUTES = 15;

    /** What one run left: its exit code, the report it printed and its stderr. */
    record Run(int exit, String stdout, String stderr) {

        JsonNode report() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + stdout + "\nstderr: " + stderr, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private BenchJar() {
    }

    /**
     * Runs {@code bench} against {@code baseUrl} with the built-in generated book, a fixed seed, JSON output and no
     * coherence test (random weights answer noise), then the given flags.
     */
    static Run bench(String name, String baseUrl, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "bench",
                "--base-url", baseUrl, "--book-url", BOOK, "--seed", "7", "--format", "json", "--skip-coherence",
                "--timeout", "120"));
        command.addAll(List.of(flags));
        Files.createDirectories(OUTPUT);
        Path out = OUTPUT.resolve(name + ".json");
        Path err = OUTPUT.resolve(name + ".stderr");
        Process bench = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!bench.waitFor(MINUTES, TimeUnit.MINUTES)) {
            bench.destroyForcibly();
            throw new IllegalStateException("bench " + name + " did not finish within " + MINUTES + " min: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(bench.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
