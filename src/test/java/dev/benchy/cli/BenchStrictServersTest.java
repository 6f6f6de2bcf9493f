package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchy.app.PromptMaterial;
import dev.benchy.app.TargetBenchmark;
import dev.benchy.app.TargetDefinition;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.RunListener;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers that refuse the optional fields benchy adds ({@link StrictServers}) are benchmarked with no flag: the
 * refused field is dropped, said once, re-sent without, never sent again, and the report records the request shape.
 */
class BenchStrictServersTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static InProcessBench.Result bench(FakeOpenAiServer server, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--tg", "4", "--runs", "2"));
        args.addAll(List.of(flags));
        return benchExactly(server, args.toArray(String[]::new));
    }

    /** With the shared flags, a small prompt and JSON output, but no tg and runs. */
    private static InProcessBench.Result benchExactly(FakeOpenAiServer server, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--model", "strict-model", "--pp", "20", "--format", "json"));
        args.addAll(List.of(flags));
        return InProcessBench.run(vertx, server.baseUrl(), args.toArray(String[]::new));
    }

    /** Every test measured, no request failed, the report saying what was dropped and why. */
    private static JsonNode measuredEverything(InProcessBench.Result r) {
        assertEquals(0, r.exit(), r.toString());
        JsonNode report = r.json();
        assertEquals("ok", report.get("status").asText(), r.toString());
        for (JsonNode test : report.get("benchmarks")) {
            assertEquals(0, test.get("failed_requests").asInt(), test.toString());
            assertTrue(test.get("tg_throughput").get("mean").asDouble() > 0, test.toString());
        }
        return report;
    }

    private static List<String> dropped(JsonNode report) {
        List<String> fields = new ArrayList<>();
        report.get("request_shape").get("dropped").forEach(d -> fields.add(d.get("field").asText()));
        return fields;
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void anOpenAiStrictServerIsMeasuredWithoutAFlag() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(StrictServers.openAi(1))) {
            JsonNode report = measuredEverything(bench(server, "--concurrency", "1", "2", "--no-cache"));

            assertEquals(List.of("return_token_ids", "cache_prompt"), dropped(report));
            JsonNode shape = report.get("request_shape");
            assertEquals("HTTP 400: {\"error\":{\"message\":\"Unrecognized request argument supplied:"
                    + " return_token_ids\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
                    shape.get("dropped").get(0).get("reason").asText());
            assertEquals("[\"model\",\"messages\",\"max_tokens\",\"stream\",\"stream_options\"]",
                    shape.get("fields").toString());
            // the streaming warm-up learns return_token_ids, the first measured request cache_prompt
            assertEquals(2, shape.get("resent_requests").asInt());
            String warnings = report.get("warnings").toString();
            assertEquals(1, occurrences(warnings, "The server refused return_token_ids"), warnings);
            assertEquals(1, occurrences(warnings, "The server refused cache_prompt"), warnings);
            // measured: 2 runs at c1 and 2 runs at c2, one of them sent twice
            List<FakeOpenAiServer.Request> measured = server.benchmarkRequests();
            assertEquals(7, measured.size());
            assertEquals(1, measured.stream().filter(q -> q.body().has("cache_prompt")).count(),
                    "only the first measured request carried the refused field");
            assertTrue(measured.stream().noneMatch(q -> q.body().has("return_token_ids")));
        }
    }

    @Test
    void anOpenAiStrictServerRefusingTwoFieldsAtOnceLosesBothInOneResend() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(StrictServers.openAi(1))) {
            JsonNode report = measuredEverything(bench(server, "--no-cache", "--no-warmup", "--latency-mode",
                    "none", "--skip-coherence"));

            assertEquals(List.of("return_token_ids", "cache_prompt"), dropped(report));
            assertEquals("HTTP 400: {\"error\":{\"message\":\"Unrecognized request arguments supplied:"
                    + " return_token_ids, cache_prompt\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":"
                    + "null}}", report.get("request_shape").get("dropped").get(1).get("reason").asText());
            assertEquals(1, report.get("request_shape").get("resent_requests").asInt());
        }
    }

    @Test
    void sglangRefusesTokenIdsOnStreamingRequestsOnly() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(StrictServers.sglang())) {
            JsonNode report = measuredEverything(bench(server, "--concurrency", "2", "--no-cache"));

            assertEquals(List.of("return_token_ids"), dropped(report));
            assertTrue(report.get("request_shape").get("dropped").get(0).get("reason").asText()
                    .contains("return_token_ids is not supported with streaming"), report.toString());
            assertTrue(server.benchmarkRequests().stream().allMatch(q -> q.body().has("cache_prompt")),
                    "what SGLang accepts is still sent");
        }
    }

    @Test
    void tensorRtLlmsForbiddenExtrasAreDropped() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(StrictServers.tensorRtLlm())) {
            JsonNode report = measuredEverything(bench(server, "--no-cache", "--exact-tg"));

            assertEquals(List.of("return_token_ids", "cache_prompt"), dropped(report));
            assertTrue(report.get("request_shape").get("dropped").get(0).get("reason").asText()
                    .contains("'loc': ('body', 'return_token_ids')"), report.toString());
            assertTrue(server.benchmarkRequests().stream().allMatch(q -> q.body().get("ignore_eos").asBoolean()),
                    "fields TensorRT-LLM accepts stay");
        }
    }

    @Test
    void aFastApiServersUnprocessableEntityIsUnderstoodToo() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(StrictServers.fastApi422(StrictServers.OPENAI_FIELDS))) {
            JsonNode report = measuredEverything(bench(server));

            assertEquals(List.of("return_token_ids"), dropped(report));
            assertTrue(report.get("request_shape").get("dropped").get(0).get("reason").asText()
                    .startsWith("HTTP 422: {\"detail\":[{\"type\":\"extra_forbidden\""), report.toString());
        }
    }

    /** The service keeps one shape per target: what a run learned, the next one does not ask again. */
    @Test
    void whatARunLearnedTheNextRunOfTheTargetKnows() throws Exception {
        TargetBenchmark benchmark = new TargetBenchmark(vertx, new PromptMaterial(Files.createTempDirectory("shape")),
                Clock.systemUTC(), "test");
        BenchmarkPlan plan = new BenchmarkPlan(List.of(20), List.of(4), List.of(0), List.of(2), 1, LatencyMode.NONE,
                false, false, true, false, false, Duration.ofSeconds(30), 7L);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(StrictServers.sglang())) {
            TargetDefinition target = new TargetDefinition("sglang", server.baseUrl(), "EMPTY", "strict-model", null,
                    "builtin:gpt2", InProcessBench.BOOK, plan, null, false, false, false);

            RunReport first = benchmark.run(target, RunListener.SILENT, null);
            int sentBefore = server.requests().size();
            RunReport second = benchmark.run(target, RunListener.SILENT, null);

            assertEquals(RunStatus.OK, first.status());
            assertEquals(RunStatus.OK, second.status());
            assertEquals(1, first.requestShape().resentRequests());
            assertEquals(0, second.requestShape().resentRequests());
            assertEquals(first.requestShape().dropped(), second.requestShape().dropped(),
                    "the second report still says what is not sent, and why");
            assertTrue(second.warnings().stream().noneMatch(w -> w.contains("refused")), "said once");
            assertTrue(server.requests().subList(sentBefore, server.requests().size()).stream()
                    .noneMatch(q -> q.body() != null && q.body().has("return_token_ids")));
        }
    }

    @Test
    void aRefusalOfAFieldTheUserAskedForIsAnErrorNotADrop() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start(StrictServers.openAi(1))) {
            InProcessBench.Result r = bench(server, "--extra-body", "top_k=20", "--skip-coherence", "--no-warmup");

            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("Unrecognized request argument supplied: top_k"), r.stderr());
        }
    }

    /**
     * Without token ids benchy counts generated tokens as it always did: the server's usage when the stream has it
     * (here 2 per event, so tg is twice the event rate), else the tokenizer on the joined text (1 per event).
     */
    @Test
    void tokenCountsFallBackToUsageThenToTheTokenizer() throws Exception {
        String[] flags = {"--tg", "30", "--runs", "1", "--latency-mode", "none", "--no-warmup"};
        StrictServers.EventRates usageRates = new StrictServers.EventRates(30);
        double withUsage;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(
                StrictServers.openAi(StrictServers.OPENAI_FIELDS, 2, usageRates))) {
            JsonNode report = measuredEverything(benchExactly(server, flags));
            withUsage = report.get("benchmarks").get(0).get("tg_req_throughput").get("mean").asDouble();
        }
        Set<String> noStreamOptions = new HashSet<>(StrictServers.OPENAI_FIELDS);
        noStreamOptions.remove("stream_options");
        StrictServers.EventRates tokenizerRates = new StrictServers.EventRates(30);
        double withTokenizer;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(
                StrictServers.openAi(noStreamOptions, 2, tokenizerRates))) {
            JsonNode report = measuredEverything(benchExactly(server, flags));
            assertEquals(List.of("return_token_ids", "stream_options"), dropped(report));
            withTokenizer = report.get("benchmarks").get(0).get("tg_req_throughput").get("mean").asDouble();
        }
        assertEquals(2.0, withUsage / usageRates.mean(), 0.2,
                "usage counts two tokens per event: " + withUsage + " t/s at " + usageRates.mean() + " events/s");
        assertEquals(1.0, withTokenizer / tokenizerRates.mean(), 0.1,
                "the tokenizer counts one per event: " + withTokenizer + " t/s at " + tokenizerRates.mean()
                        + " events/s");
    }
}
