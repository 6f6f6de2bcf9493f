package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs {@code bench} in this JVM as a user runs it from the jar (same picocli parsing, same streams), but with
 * its stdout and stderr captured, the small test book, GPT-2's built-in encoding and a fixed seed, so nothing
 * reaches the network but the server under test.
 */
final class InProcessBench {

    static final String BOOK = "src/test/resources/corpus/book.txt";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run left behind. */
    record Result(int exit, String stdout, String stderr) {

        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + stdout + "\nstderr: " + stderr, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** A run in progress on its own thread, whose stderr can be watched while it goes. */
    static final class Running {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final Thread thread;

        private Running(Vertx vertx, List<String> args) {
            PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
            thread = new Thread(() -> {
                try {
                    CommandLine command = new CommandLine(new BenchCommand(vertx, stdout, stderr));
                    command.setOut(new java.io.PrintWriter(stdout, true));
                    command.setErr(new java.io.PrintWriter(stderr, true));
                    exit.complete(command.execute(args.toArray(String[]::new)));
                } catch (Throwable e) {
                    exit.completeExceptionally(e);
                }
            }, "bench-under-test");
            thread.start();
        }

        String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** Waits until stderr contains {@code text}; false after {@code millis}. */
        boolean awaitStderr(String text, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (System.nanoTime() < deadline) {
                if (stderr().contains(text) || exit.isDone()) {
                    return stderr().contains(text);
                }
                Thread.sleep(5);
            }
            return false;
        }

        Result await() throws Exception {
            int code = exit.get(120, java.util.concurrent.TimeUnit.SECONDS);
            return new Result(code, out.toString(StandardCharsets.UTF_8), stderr());
        }
    }

    private InProcessBench() {
    }

    /** The flags every test run shares, then the test's own. */
    static List<String> args(String baseUrl, String... flags) {
        List<String> args = new ArrayList<>(List.of("--base-url", baseUrl, "--tokenizer", "builtin:gpt2",
                "--book-url", BOOK, "--seed", "7", "--timeout", "30"));
        args.addAll(List.of(flags));
        return args;
    }

    static Running start(Vertx vertx, String baseUrl, String... flags) {
        return new Running(vertx, args(baseUrl, flags));
    }

    static Result run(Vertx vertx, String baseUrl, String... flags) throws Exception {
        return start(vertx, baseUrl, flags).await();
    }

    /** A run with exactly these arguments (no shared flags). */
    static Result runExactly(Vertx vertx, String... args) throws Exception {
        return new Running(vertx, List.of(args)).await();
    }
}
