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
 * Item 2: the coherence test runs after the warm-up; a wrong answer or a failed request exits 1 with a clear message
 * and writes nothing (no stdout, no result file, no benchmark request sent); a thinking model that answers in its
 * reasoning passes; {@code --skip-coherence} skips it.
 */
class BenchCoherenceTest {

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

    /** A server whose answer to the coherence question is {@code content} (and {@code reasoning}). */
    private static FakeOpenAiServer answering(String content, String reasoning) throws Exception {
        return FakeOpenAiServer.start((request, exchange) -> {
            if (request.chat() && !request.streaming() && request.firstMessage().contains("capital of France")) {
                FakeOpenAiServer.complete(exchange, content, reasoning, "{\"prompt_tokens\":20}");
            } else {
                FakeOpenAiServer.honestly(request, exchange);
            }
        });
    }

    private static InProcessBench.Result bench(FakeOpenAiServer fake, String... flags) throws Exception {
        String[] base = {"--model", "fake-model", "--pp", "20", "--tg", "2", "--runs", "1"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(flags))
                .toArray(String[]::new);
        return InProcessBench.run(vertx, fake.baseUrl(), all);
    }

    @Test
    void aWrongAnswerExitsOneWithTheAnswerAndWritesNothing() throws Exception {
        Path result = dir.resolve("result.md");
        try (FakeOpenAiServer fake = answering("London.", null)) {
            InProcessBench.Result r = bench(fake, "--save-result", result.toString());
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("Error: Coherence test failed: asked for the capital of France,"
                    + " the model said 'London.'"), r.stderr());
            assertEquals("", r.stdout());
            assertFalse(Files.exists(result), "nothing is written");
            assertTrue(fake.benchmarkRequests().isEmpty(), "no benchmark request after a failed coherence test");
            int warmups = (int) fake.requests().stream()
                    .filter(q -> q.chat() && q.firstMessage().startsWith("Warmup")).count();
            assertEquals(2, warmups, "the warm-up probes come first");
        }
    }

    @Test
    void aFailedRequestExitsOneWithItsStatus() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start((request, exchange) -> {
            if (request.firstMessage().contains("capital of France")) {
                FakeOpenAiServer.json(exchange, 503, "{\"error\":\"overloaded\"}");
            } else {
                FakeOpenAiServer.honestly(request, exchange);
            }
        })) {
            InProcessBench.Result r = bench(fake);
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("Coherence test failed: HTTP 503"), r.stderr());
            assertEquals("", r.stdout());
        }
    }

    @Test
    void aWordThatOnlyContainsParisIsNotParis() throws Exception {
        try (FakeOpenAiServer fake = answering("Parisian", null)) {
            InProcessBench.Result r = bench(fake);
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("the model said 'Parisian'"), r.stderr());
        }
    }

    @Test
    void aThinkingModelThatAnswersInItsReasoningPasses() throws Exception {
        try (FakeOpenAiServer fake = answering(null, "The user asks for France's capital. That is Paris.")) {
            InProcessBench.Result r = bench(fake);
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.stderr().contains("Coherence test passed"), r.stderr());
        }
    }

    @Test
    void skipCoherenceSendsNoQuestion() throws Exception {
        try (FakeOpenAiServer fake = answering("London", null)) {
            InProcessBench.Result r = bench(fake, "--skip-coherence");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.stderr().contains("Skipping coherence test (--skip-coherence specified)"), r.stderr());
            assertTrue(fake.requests().stream().noneMatch(q -> q.firstMessage().contains("capital of France")));
            assertTrue(r.stdout().contains(" pp20 |"), r.stdout());
        }
    }
}
