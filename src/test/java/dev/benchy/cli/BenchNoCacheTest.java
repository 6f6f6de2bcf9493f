package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 5: {@code --no-cache} puts a random nonce at the start of the first message and sends {@code cache_prompt:
 * false}; what the server says it reused is in the report per test, and a pp measurement whose prompt hit the cache
 * is flagged in the table's footnotes and the JSON. The book here is one word repeated, so every prompt is the same
 * text and the simulator's prefix cache serves the second run's prompt unless something defeats it.
 */
class BenchNoCacheTest {

    private static final Pattern NONCE = Pattern.compile("^\\[#[0-9a-f]{12}]\n");
    private static Vertx vertx;

    @TempDir
    static Path dir;
    private static String book;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path file = dir.resolve("same-word.txt");
        Files.writeString(file, "alpha ".repeat(5000));
        book = file.toString();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static InProcessBench.Result bench(String baseUrl, String... flags) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--base-url", baseUrl, "--model", "m", "--tokenizer",
                "builtin:gpt2", "--book-url", book, "--seed", "7", "--pp", "64", "--tg", "2", "--runs", "2"));
        args.addAll(List.of(flags));
        return InProcessBench.runExactly(vertx, args.toArray(String[]::new));
    }

    @Test
    void aRepeatedPromptIsServedFromCacheAndFlagged() throws Exception {
        try (SimulatorPeer simulator = SimulatorPeer.start(vertx, SimulatorPeer.fast());
             SimulatorPeer another = SimulatorPeer.start(vertx, SimulatorPeer.fast());
             SimulatorPeer third = SimulatorPeer.start(vertx, SimulatorPeer.fast())) {
            InProcessBench.Result json = bench(simulator.baseUrl(), "--format", "json");
            assertEquals(0, json.exit(), json.toString());
            JsonNode run = json.json().get("benchmarks").get(0);
            assertEquals("[0.0,63.0]", run.get("cached_tokens").get("values").toString(),
                    "the first prompt is cold, the second all cached but one token: " + run);
            assertTrue(run.get("cache_hit").asBoolean());
            JsonNode flag = run.get("flags").get(0);
            assertEquals("cache_hit", flag.get("kind").asText(), run.toString());
            assertEquals("{\"cached_min\":0,\"cached_max\":63}", flag.get("figures").toString());

            InProcessBench.Result md = bench(another.baseUrl());
            assertEquals(0, md.exit(), md.toString());
            assertTrue(md.stdout().contains("| pp64 [1] |"), md.stdout());
            assertTrue(md.stdout().contains("\n[1] pp64: the server reported 0\u201363 cached prompt tokens;"
                    + " prefill was not cold.\n"), md.stdout());

            InProcessBench.Result csv = bench(third.baseUrl(), "--format", "csv");
            assertEquals(0, csv.exit(), csv.toString());
            List<String> lines = csv.stdout().lines().toList();
            assertTrue(lines.get(0).endsWith(",e2e_ttft_std,flags"), lines.get(0));
            assertTrue(lines.get(1).startsWith("m,pp64,") && lines.get(1).endsWith(",cache_hit"), lines.get(1));
            assertTrue(lines.get(2).startsWith("m,tg2,") && lines.get(2).endsWith(","), "a prompt flag: "
                    + lines.get(2));
        }
    }

    @Test
    void noCacheKeepsEveryPrefillCold() throws Exception {
        try (SimulatorPeer simulator = SimulatorPeer.start(vertx, SimulatorPeer.fast())) {
            InProcessBench.Result r = bench(simulator.baseUrl(), "--no-cache", "--depth", "0", "128",
                    "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            for (JsonNode run : r.json().get("benchmarks")) {
                assertEquals("[0.0,0.0]", run.get("cached_tokens").get("values").toString(), run.toString());
                assertFalse(run.get("cache_hit").asBoolean());
            }
            assertFalse(r.stderr().contains("despite --no-cache"), r.stderr());
        }
    }

    @Test
    void theNonceOpensTheFirstMessageAndCachePromptIsFalse() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.honest()) {
            InProcessBench.Result r = bench(fake.baseUrl(), "--no-cache", "--depth", "0", "128", "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            List<FakeOpenAiServer.Request> requests = fake.benchmarkRequests();
            assertEquals(4, requests.size());
            Set<String> nonces = new HashSet<>();
            for (FakeOpenAiServer.Request request : requests) {
                assertFalse(request.body().path("cache_prompt").asBoolean(true), request.body().toString());
                JsonNode messages = request.body().get("messages");
                String first = messages.get(0).get("content").asText();
                var nonce = NONCE.matcher(first);
                assertTrue(nonce.find(), "the first message starts with the nonce: " + first);
                nonces.add(nonce.group());
                assertFalse(NONCE.matcher(messages.get(messages.size() - 1).get("content").asText()).find()
                        && messages.size() > 1, "only the first message carries it");
            }
            assertEquals(4, nonces.size(), "every request its own nonce");
            assertEquals("system", requests.get(2).body().get("messages").get(0).get("role").asText(),
                    "at depth > 0 the context (the system message) comes first");
        }
    }

    @Test
    void llamaCppTimingsCacheNIsReadToo() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start((request, exchange) -> {
            if (!request.streaming() || "hello".equals(request.firstMessage())) {
                FakeOpenAiServer.honestly(request, exchange);
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            java.io.OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 2; i++) {
                FakeOpenAiServer.event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}");
            }
            FakeOpenAiServer.event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}],"
                    + "\"usage\":{\"prompt_tokens\":64,\"completion_tokens\":2},"
                    + "\"timings\":{\"cache_n\":48,\"prompt_n\":16}}");
            FakeOpenAiServer.event(out, "[DONE]");
        })) {
            InProcessBench.Result r = bench(fake.baseUrl(), "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            JsonNode run = r.json().get("benchmarks").get(0);
            assertEquals("[48.0,48.0]", run.get("cached_tokens").get("values").toString(), run.toString());
            assertTrue(run.get("cache_hit").asBoolean());
        }
    }

    @Test
    void aServerThatCachesDespiteNoCacheIsCaught() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start((request, exchange) -> {
            if (request.streaming() && !"hello".equals(request.firstMessage())) {
                FakeOpenAiServer.stream(exchange, 2, 64, 60, 0);
            } else {
                FakeOpenAiServer.honestly(request, exchange);
            }
        })) {
            InProcessBench.Result r = bench(fake.baseUrl(), "--no-cache", "--latency-mode", "none");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.stdout().contains("[1] pp64: the server reported 60 cached prompt tokens despite --no-cache;"
                    + " prefill was not cold."), r.stdout());
            assertTrue(r.stderr().contains("Warning: pp64: the server reported 60 cached prompt tokens despite"
                    + " --no-cache"), r.stderr());
        }
    }
}
