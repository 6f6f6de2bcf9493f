package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 8: without {@code --model} the model comes from {@code /models} (the Hugging Face name from {@code root}, the
 * served name from {@code id}), with no call to the Hugging Face hub; {@code --served-model-name} overrides what is sent;
 * {@code --api-key} goes out as a Bearer token on every request and nowhere else.
 */
class BenchModelDetectionTest {

    private static final String KEY = "sk-test-7f3a9c";
    private static final String VLLM_MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"qwen-alias\",\"object\":\"model\","
            + "\"root\":\"Qwen/Qwen3-0.6B\",\"owned_by\":\"vllm\"}]}";

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static FakeOpenAiServer serving(String modelsJson) throws Exception {
        return FakeOpenAiServer.start((request, exchange) -> {
            if (request.path().endsWith("/models")) {
                FakeOpenAiServer.json(exchange, 200, modelsJson);
            } else {
                FakeOpenAiServer.honestly(request, exchange);
            }
        });
    }

    @Test
    void detectsTheModelFromRootAndSendsTheServedIdWithTheKey() throws Exception {
        try (FakeOpenAiServer fake = serving(VLLM_MODELS)) {
            InProcessBench.Result r = InProcessBench.run(vertx, fake.baseUrl(), "--api-key", KEY, "--pp", "20",
                    "--tg", "2", "--runs", "1", "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            JsonNode report = r.json();
            assertEquals("Qwen/Qwen3-0.6B", report.get("model").asText());
            assertEquals("qwen-alias", report.get("served_model").asText());
            assertTrue(r.stderr().contains("Detected model: Qwen/Qwen3-0.6B (served as qwen-alias)"), r.stderr());
            List<FakeOpenAiServer.Request> requests = fake.requests();
            assertTrue(requests.size() >= 8, "detection, probes, coherence, latency, benchmark: " + requests);
            for (FakeOpenAiServer.Request request : requests) {
                assertEquals("Bearer " + KEY, request.authorization(), request.path());
                if (request.chat()) {
                    assertEquals("qwen-alias", request.body().get("model").asText());
                }
            }
            assertFalse(r.stdout().contains(KEY) || r.stderr().contains(KEY), "the key is never printed");
        }
    }

    @Test
    void servedModelNameOverridesTheDetectedId() throws Exception {
        try (FakeOpenAiServer fake = serving(VLLM_MODELS)) {
            InProcessBench.Result r = InProcessBench.run(vertx, fake.baseUrl(), "--served-model-name", "other",
                    "--pp", "20", "--tg", "2", "--runs", "1", "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("Qwen/Qwen3-0.6B", r.json().get("model").asText());
            fake.requests().stream().filter(FakeOpenAiServer.Request::chat)
                    .forEach(q -> assertEquals("other", q.body().get("model").asText()));
            FakeOpenAiServer.Request detection = fake.requests().get(0);
            assertTrue(detection.path().endsWith("/models") && detection.authorization() == null,
                    "no key, no Authorization header on the detection request (as llama-benchy)");
        }
    }

    @Test
    void anUnreachableHubFallsBackToGpt2() throws Exception {
        String previous = System.getProperty("ai.djl.offline");
        System.setProperty("ai.djl.offline", "true");
        try (FakeOpenAiServer fake = serving(VLLM_MODELS)) {
            // no --tokenizer: the detected name is the tokenizer; offline, it cannot be fetched
            InProcessBench.Result r = InProcessBench.runExactly(vertx, "--base-url", fake.baseUrl(),
                    "--book-url", InProcessBench.BOOK, "--seed", "7", "--pp", "20", "--tg", "2", "--runs", "1",
                    "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.stderr().contains("Tokenizer 'Qwen/Qwen3-0.6B' could not be loaded"), r.stderr());
            assertTrue(r.json().get("tokenizer").asText().startsWith("gpt2"), r.stdout());
        } finally {
            if (previous == null) {
                System.clearProperty("ai.djl.offline");
            } else {
                System.setProperty("ai.djl.offline", previous);
            }
        }
    }

    @Test
    void anIdThatIsNoHuggingFaceNameIsUsedAsIs() throws Exception {
        try (FakeOpenAiServer fake = serving("{\"models\":[{\"model\":\"gemma3:4b\"}]}")) {
            InProcessBench.Result r = InProcessBench.run(vertx, fake.baseUrl(), "--pp", "20", "--tg", "2",
                    "--runs", "1", "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("gemma3:4b", r.json().get("model").asText());
        }
    }

    @Test
    void twoServedModelsExitOneNamingThem() throws Exception {
        try (FakeOpenAiServer fake = serving("{\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}]}")) {
            InProcessBench.Result r = InProcessBench.run(vertx, fake.baseUrl(), "--pp", "20", "--tg", "2");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("More than one model is served at " + fake.baseUrl() + "/models [a, b];"
                    + " pass --model"), r.stderr());
            assertEquals("", r.stdout());
            assertTrue(fake.requests().stream().noneMatch(FakeOpenAiServer.Request::chat));
        }
    }
}
