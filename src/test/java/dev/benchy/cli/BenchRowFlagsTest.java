package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each row flag end to end, from a fake server that provokes it to every output: the Markdown table (a footnote
 * number on the row, the footnote under the table), the JSON ({@code flags} with kind, detail and figures, and
 * {@code error_reasons}) and the CSV (the {@code flags} column). A number benchy cannot stand behind is never printed
 * without its flag.
 */
class BenchRowFlagsTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /** The same run printed as Markdown, JSON and CSV (three runs against the same server). */
    private record Outputs(InProcessBench.Result md, JsonNode json, List<String> csv) {

        JsonNode test(int index) {
            return json.get("benchmarks").get(index);
        }

        /** The flags column of each CSV row, after the header. */
        List<String> csvFlags() {
            return csv.stream().skip(1).map(line -> line.substring(line.lastIndexOf(',') + 1)).toList();
        }

        /** The test cell of each Markdown row. */
        List<String> mdTests() {
            return md.stdout().lines().skip(2).takeWhile(line -> line.startsWith("|"))
                    .map(line -> line.split("\\|")[2].strip()).toList();
        }
    }

    private static Outputs everyFormat(FakeOpenAiServer fake, String... flags) throws Exception {
        List<String> base = new ArrayList<>(List.of("--model", "fake-model", "--pp", "64", "--tg", "4",
                "--runs", "2", "--skip-coherence"));
        base.addAll(List.of(flags));
        InProcessBench.Result md = InProcessBench.run(vertx, fake.baseUrl(), base.toArray(String[]::new));
        assertEquals(0, md.exit(), md.toString());
        base.addAll(List.of("--format", "json"));
        InProcessBench.Result json = InProcessBench.run(vertx, fake.baseUrl(), base.toArray(String[]::new));
        assertEquals(0, json.exit(), json.toString());
        base.set(base.size() - 1, "csv");
        InProcessBench.Result csv = InProcessBench.run(vertx, fake.baseUrl(), base.toArray(String[]::new));
        assertEquals(0, csv.exit(), csv.toString());
        return new Outputs(md, json.json(), csv.stdout().lines().toList());
    }

    @Test
    void aBatchWithAFailedRequestIsLeftOutOfTheTotalsAndSaysSo() throws Exception {
        // of each run's two batches of two, the first batch's second request fails
        try (FakeOpenAiServer fake = FakeOpenAiServer.start((request, exchange) -> {
            if (request.streaming() && request.index() % 4 == 1) {
                FakeOpenAiServer.json(exchange, 503, "{\"error\":\"overloaded\"}");
            } else {
                FakeOpenAiServer.honestly(request, exchange);
            }
        })) {
            Outputs out = everyFormat(fake, "--concurrency", "2", "--latency-mode", "none");

            JsonNode test = out.test(0);
            assertEquals(1, test.get("pp_throughput").get("values").size(), "one complete batch of two: " + test);
            assertEquals(1, test.get("peak_throughput").get("values").size());
            assertEquals(3, test.get("pp_req_throughput").get("values").size(), "every successful request's own");
            assertEquals("{\"http_5xx\":1}", test.get("error_reasons").toString());
            JsonNode failed = test.get("flags").get(0);
            assertEquals("failed_requests", failed.get("kind").asText());
            assertEquals("1 of 4 requests failed (1 http_5xx): HTTP 503: {\"error\":\"overloaded\"}",
                    failed.get("detail").asText());
            assertEquals("{\"failed\":1,\"requests\":4}", failed.get("figures").toString());
            JsonNode partial = test.get("flags").get(1);
            assertEquals("partial_batches", partial.get("kind").asText());
            assertEquals("{\"left_out\":1,\"batches\":2}", partial.get("figures").toString());

            assertEquals(List.of("pp64 (c2) [1,2]", "tg4 (c2) [1,2]"), out.mdTests());
            assertTrue(out.md().stdout().contains("\n[2] pp64 (c2): 1 of 2 batches had a failed request and is left"
                    + " out of t/s (total) and peak t/s\n"), out.md().stdout());
            assertEquals(List.of("failed_requests;partial_batches", "failed_requests;partial_batches"),
                    out.csvFlags());
        }
    }

    @Test
    void aServerThatCountsOtherPromptTokensIsFlaggedWithBothCounts() throws Exception {
        // as llama-server with a Llama vocabulary does with prompts cut by GPT-2: 12 % more prompt tokens
        try (FakeOpenAiServer fake = FakeOpenAiServer.start((request, exchange) -> {
            if (request.streaming() && !request.probe()) {
                int counted = FakeOpenAiServer.promptTokens(request) * 112 / 100;
                FakeOpenAiServer.stream(exchange, request.body().path("max_tokens").asInt(), counted, 0, 2);
            } else {
                FakeOpenAiServer.honestly(request, exchange);
            }
        })) {
            Outputs out = everyFormat(fake, "--latency-mode", "none");

            JsonNode flag = out.test(0).get("flags").get(0);
            assertEquals("prompt_tokens_mismatch", flag.get("kind").asText(), out.test(0).toString());
            assertEquals("{\"expected\":64,\"reported\":71}", flag.get("figures").toString());
            assertEquals("the server counted 71 prompt tokens where 64 were meant (+10.9 %): the tokenizer is not the"
                    + " server's, or the template differs", flag.get("detail").asText());
            assertEquals(List.of("pp64 [1]", "tg4"), out.mdTests(), "a prompt count says nothing of generation");
            assertTrue(out.md().stdout().contains("\n[1] pp64: the server counted 71 prompt tokens where 64 were"
                    + " meant"), out.md().stdout());
            assertTrue(out.md().stderr().contains("Warning: pp64: the server counted 71 prompt tokens"),
                    out.md().stderr());
            assertEquals(List.of("prompt_tokens_mismatch", ""), out.csvFlags());
        }
    }

    @Test
    void anHonestServerLeavesEveryRowUnflagged() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.honest()) {
            Outputs out = everyFormat(fake, "--latency-mode", "none");

            assertEquals("[]", out.test(0).get("flags").toString());
            assertEquals("{}", out.test(0).get("error_reasons").toString());
            assertEquals(List.of("pp64", "tg4"), out.mdTests());
            assertEquals(List.of("", ""), out.csvFlags());
        }
    }

    @Test
    void everyEstPptClampedToZeroIsCountedAndTheLatencyWarnedOf() throws Exception {
        // the latency probes take 120 ms; of the measured requests, the first of each invocation takes 300 ms, the
        // second answers at once: its ttfr does not exceed the latency
        try (FakeOpenAiServer fake = FakeOpenAiServer.start((request, exchange) -> {
            if (request.streaming() && "hello".equals(request.firstMessage())) {
                TimeUnit.MILLISECONDS.sleep(120);
            }
            if (request.streaming() && !request.probe() && request.index() % 2 == 0) {
                TimeUnit.MILLISECONDS.sleep(300);
            }
            if (request.streaming() && !request.probe()) {
                FakeOpenAiServer.stream(exchange, request.body().path("max_tokens").asInt(),
                        FakeOpenAiServer.promptTokens(request), 0, 2);
            } else {
                FakeOpenAiServer.honestly(request, exchange);
            }
        })) {
            Outputs out = everyFormat(fake, "--latency-mode", "generation");

            JsonNode test = out.test(0);
            JsonNode flag = test.get("flags").get(0);
            assertEquals("est_ppt_clamped", flag.get("kind").asText(), test.toString());
            assertEquals(1, flag.get("figures").get("clamped").asInt());
            assertEquals(2, flag.get("figures").get("requests").asInt());
            assertEquals(out.json().get("latency_ms").asDouble(), flag.get("figures").get("latency_ms").asDouble(),
                    0.0);
            assertEquals(1, test.get("pp_throughput").get("values").size(), "no pp rate from an est_ppt of 0: "
                    + test);
            assertEquals(0.0, test.get("est_ppt").get("values").get(1).asDouble(), 0.0);
            assertTrue(out.json().get("warnings").toString().contains("Latency (generation) of "),
                    out.json().get("warnings").toString());
            assertEquals(List.of("pp64 [1]", "tg4"), out.mdTests());
            assertTrue(out.md().stdout().contains("\n[1] pp64: est_ppt was clamped to 0 for 1 of 2 requests: ttfr"
                    + " was not above the latency of "), out.md().stdout());
            assertEquals(List.of("est_ppt_clamped", ""), out.csvFlags());
        }
    }

    @Test
    void aStreamWithAMalformedEventIsAFailedRequestNotAMeasurement() throws Exception {
        // the second measured request of each invocation breaks its third event
        try (FakeOpenAiServer fake = FakeOpenAiServer.start((request, exchange) -> {
            if (!request.streaming() || request.probe() || request.index() % 2 != 1) {
                FakeOpenAiServer.honestly(request, exchange);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            FakeOpenAiServer.event(body, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a \"}}]}");
            FakeOpenAiServer.event(body, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b \"}}]}");
            FakeOpenAiServer.event(body, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"c");
            FakeOpenAiServer.event(body, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}],"
                    + "\"usage\":{\"prompt_tokens\":64,\"completion_tokens\":4}}");
            FakeOpenAiServer.event(body, "[DONE]");
        })) {
            Outputs out = everyFormat(fake, "--latency-mode", "none");

            JsonNode broken = out.test(0);
            assertEquals("pp64", broken.get("test").asText());
            assertEquals(1, broken.get("failed_requests").asInt(), broken.toString());
            assertEquals("1 of 4 events were malformed JSON", broken.get("errors").get(0).asText());
            assertEquals("{\"malformed\":1}", broken.get("error_reasons").toString());
            assertEquals(1, broken.get("ttfr").get("values").size(), "only the intact stream is measured");
            assertEquals("partial", out.json().get("status").asText());
            assertTrue(out.md().stdout().contains("\n[1] pp64: 1 of 2 requests failed (1 malformed): 1 of 4 events"
                    + " were malformed JSON\n"), out.md().stdout());
            assertEquals(List.of("failed_requests", "failed_requests"), out.csvFlags());
            assertFalse(out.md().stdout().contains("Run failed"), "some requests failed, the run did not");
        }
    }
}
