package dev.benchy.cli;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --save-result}: a file that cannot be written is refused before the first request (exit 2, nothing sent);
 * one that fails only at the end (its folder removed during the run) still leaves the results on stdout, exit 1.
 */
class BenchSaveResultTest {

    private static Vertx vertx;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static InProcessBench.Result bench(FakeOpenAiServer fake, String... flags) throws Exception {
        String[] base = {"--model", "fake-model", "--pp", "20", "--tg", "2", "--runs", "1", "--latency-mode",
                "none"};
        return InProcessBench.run(vertx, fake.baseUrl(), java.util.stream.Stream.concat(
                java.util.Arrays.stream(base), java.util.Arrays.stream(flags)).toArray(String[]::new));
    }

    @Test
    void aFileInAFolderThatDoesNotExistIsRefusedBeforeTheFirstRequest() throws Exception {
        Path missing = dir.resolve("nonexistent").resolve("dir").resolve("x.md");
        try (FakeOpenAiServer fake = FakeOpenAiServer.honest()) {
            InProcessBench.Result r = bench(fake, "--save-result", missing.toString());

            assertEquals(2, r.exit(), r.toString());
            assertEquals("benchy bench: --save-result: must be a file in an existing folder, but "
                    + missing.getParent() + " does not exist\n", r.stderr());
            assertEquals("", r.stdout());
            assertEquals(0, fake.requests().size(), "no request before the result has somewhere to go");
        }
    }

    @Test
    void aDirectoryIsRefusedBeforeTheFirstRequest() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.honest()) {
            InProcessBench.Result r = bench(fake, "--save-result", ".");

            assertEquals(2, r.exit(), r.toString());
            assertEquals("benchy bench: --save-result: must be a file, but . is a directory\n", r.stderr());
            assertEquals(0, fake.requests().size());
        }
    }

    @Test
    void aFileThatCannotBeWrittenAtTheEndLeavesTheResultsOnStdout() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("results"));
        Path file = folder.resolve("r.md");
        try (FakeOpenAiServer fake = FakeOpenAiServer.honest()) {
            // the folder is there when the run starts, and gone when it ends
            InProcessBench.Result r = bench(fake, "--save-result", file.toString(),
                    "--post-run-cmd", "rm -r '" + folder + "'");

            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("benchy bench: cannot write --save-result " + file + " (" + folder
                    + " does not exist); the results follow on stdout\n"), r.stderr());
            assertTrue(r.stdout().startsWith("| model"), r.stdout());
            assertTrue(r.stdout().contains(" pp20 |") && r.stdout().contains("latency mode: none"), r.stdout());
            assertFalse(Files.exists(folder));
        }
    }

    @Test
    void aWritableFileIsWritten() throws Exception {
        Path file = dir.resolve("r.json");
        try (FakeOpenAiServer fake = FakeOpenAiServer.honest()) {
            InProcessBench.Result r = bench(fake, "--save-result", file.toString(), "--format", "json");

            assertEquals(0, r.exit(), r.toString());
            assertEquals("", r.stdout());
            assertTrue(Files.readString(file).contains("\"benchmarks\""));
            try (var left = Files.list(dir)) {
                assertEquals(1, left.count(), "the writability check leaves nothing behind");
            }
        }
    }
}
