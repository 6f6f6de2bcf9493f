package dev.benchy.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchy.core.NanoClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator over real HTTP on 127.0.0.1, timed by the client the way a benchmark times it. Speed assertions use
 * the brief's tolerance bands: prefill within 10 %, decode within 5 %.
 */
class SimulatorServerTest {

    private static final double FAST_PP = 1_000_000;
    private static final double FAST_TG = 2_000;
    private static final double CLOCK_SLACK = 0.05;
    private static final String NO_CACHE = ",\"cache_prompt\":false";
    private static final int TRIES = 3;

    private static Vertx vertx;

    private SimulatorServer server;
    private Sse sse;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        await(vertx.close());
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            await(server.close());
        }
    }

    private Simulator start(SimulatorSettings settings) throws Exception {
        Simulator simulator = new Simulator(settings, new WordTokenizer(), NanoClock.SYSTEM);
        server = await(SimulatorServer.start(vertx, simulator, "127.0.0.1", 0));
        sse = new Sse(server.actualPort());
        return simulator;
    }

    /** Runs one short stream first, so class loading and JIT do not land in a timed request. */
    private void warmUp(Simulator simulator) throws Exception {
        sse.stream(streaming("warm up", 3, ""));
        simulator.stats().reset();
    }

    @Test
    void modelsListsTheServedModel() throws Exception {
        start(SimulatorSettings.defaults().withModelId("sim-7b"));
        HttpResponse<String> models = sse.get("/v1/models");
        assertEquals(200, models.statusCode());
        assertEquals("{\"object\":\"list\",\"data\":[{\"id\":\"sim-7b\",\"object\":\"model\",\"owned_by\":\"benchy\","
                + "\"root\":\"sim-7b\"}]}", models.body());
        assertEquals(200, sse.get("/models").statusCode());
    }

    @Test
    void aStreamSendsTokenEventsThenFinishThenUsageThenDone() throws Exception {
        start(SimulatorSettings.defaults().withPpSpeed(FAST_PP).withTgSpeed(FAST_TG).withTemplateTokens(3));
        Sse.Stream stream = sse.stream("{\"model\":\"x\",\"max_tokens\":3,\"stream\":true,\"return_token_ids\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":\"say three words\"}]}");
        assertEquals(200, stream.status());
        assertEquals("text/event-stream", stream.contentType());
        List<Sse.Event> events = stream.events();
        assertEquals(6, events.size());
        assertEquals("{\"role\":\"assistant\",\"content\":\"The\"}", events.get(0).delta().toString());
        assertEquals("{\"content\":\" quick\"}", events.get(1).delta().toString());
        assertEquals("{\"content\":\" brown\"}", events.get(2).delta().toString());
        for (int i = 0; i < 3; i++) {
            assertEquals(1, events.get(i).tokenIds());
            assertEquals("chat.completion.chunk", events.get(i).json().path("object").asText());
        }
        JsonNode finish = events.get(3).json().path("choices").path(0);
        assertEquals("{}", finish.path("delta").toString());
        assertEquals("length", finish.path("finish_reason").asText());
        assertEquals("[]", events.get(4).json().path("choices").toString());
        assertEquals("{\"prompt_tokens\":11,\"completion_tokens\":3,\"total_tokens\":14,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0}}", events.get(4).json().path("usage").toString());
        assertTrue(events.get(5).done());
    }

    @Test
    void withoutIncludeUsageOrReturnTokenIdsNeitherIsSent() throws Exception {
        start(SimulatorSettings.defaults().withPpSpeed(FAST_PP).withTgSpeed(FAST_TG));
        Sse.Stream stream = sse.stream("{\"max_tokens\":2,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(4, stream.events().size());
        assertEquals(0, stream.events().get(0).tokenIds());
        assertFalse(stream.events().get(2).json().has("usage"));
        assertTrue(stream.events().get(3).done());
    }

    @Test
    void everyEventIsOneDataLineFollowedByABlankLine() throws Exception {
        start(SimulatorSettings.defaults().withPpSpeed(FAST_PP).withTgSpeed(FAST_TG));
        String raw = sse.post("/v1/chat/completions", streaming("hi", 3, "")).body();
        assertTrue(raw.matches("(data: [^\\n]+\\n\\n){6}"), raw);
        assertTrue(raw.endsWith("\n\ndata: [DONE]\n\n"), raw);
    }

    @Test
    void theResponseHeadGoesOutWhenTheRequestIsAcceptedNotWithTheFirstToken() throws Exception {
        Simulator simulator = start(SimulatorSettings.defaults().withPpSpeed(1000).withTgSpeed(FAST_TG));
        warmUp(simulator);
        double head = sse.secondsToHead(streaming("w ".repeat(500), 2, NO_CACHE));
        assertTrue(head < 0.25, "the head came after " + head + " s, with the first token (prefill is 0.5 s)");
    }

    @Test
    void prefillAndDecodeTakeTheConfiguredTimesAndTheStatsAgree() throws Exception {
        Simulator simulator = start(SimulatorSettings.defaults().withPpSpeed(1000).withTgSpeed(50));
        warmUp(simulator);
        Sse.Stream stream = timed(simulator, () -> sse.stream(streaming("w ".repeat(500), 41, NO_CACHE)),
                s -> within(0.5, 0.10, s.prefillSeconds()) && within(50, 0.05, s.decodeTokensPerSecond()));
        assertEquals(41, stream.tokenEvents().size());
        assertWithin(0.5, 0.10, stream.prefillSeconds(), "client-timed prefill seconds");
        assertWithin(50, 0.05, stream.decodeTokensPerSecond(), "client-timed decode tokens/s");

        JsonNode stats = Sse.JSON.readTree(sse.get("/v1/simulator/stats").body());
        JsonNode served = stats.path("recent").path(0);
        assertEquals(1, stats.path("recent").size());
        assertTrue(served.path("completed").asBoolean());
        assertEquals(500, served.path("prompt_tokens").asInt());
        assertEquals(41, served.path("tokens_sent").asInt());
        assertEquals(41, served.path("events_sent").asInt());
        assertClose(stream.prefillSeconds(), served.path("prefill_seconds").asDouble(), "served prefill seconds");
        assertClose(stream.decodeSeconds(), served.path("decode_seconds").asDouble(), "served decode seconds");
        assertWithin(50, 0.05, served.path("decode_tokens_per_second").asDouble(), "served decode tokens/s");
        assertEquals(41, stats.path("totals").path("tokens_sent").asInt());
        assertEquals(40, stats.path("totals").path("decode_tokens").asInt());
        assertEquals(500, stats.path("totals").path("prefill_tokens").asInt());
        assertEquals(0, stats.path("active_responses").asInt());
    }

    @Test
    void mtpThreeSendsThreeTimesTheTokensPerSecond() throws Exception {
        Simulator simulator = start(SimulatorSettings.defaults().withPpSpeed(FAST_PP).withTgSpeed(50).withMtp(3));
        warmUp(simulator);
        Sse.Stream stream = timed(simulator, () -> sse.stream(streaming("go", 63, "")),
                s -> within(150, 0.05, s.decodeTokensPerSecond()));
        assertEquals(21, stream.tokenEvents().size());
        assertEquals(3, stream.last().tokenIds());
        assertWithin(150, 0.05, stream.decodeTokensPerSecond(), "decode tokens/s with MTP 3");
        assertEquals(63, stream.usage().path("completion_tokens").asInt());
    }

    @Test
    void aVeryHighDecodeRateStillSendsTheRightTokensPerSecond() throws Exception {
        Simulator simulator = start(SimulatorSettings.defaults().withPpSpeed(FAST_PP).withTgSpeed(4000));
        warmUp(simulator);
        Sse.Stream stream = timed(simulator, () -> sse.stream(streaming("go", 801, "")),
                s -> within(4000, 0.10, s.decodeTokensPerSecond())
                        && within(4000, 0.05, simulator.stats().snapshot().totals().decodeTokensPerSecond()));
        assertEquals(801, stream.tokenEvents().size());
        ServedStream served = simulator.stats().snapshot().recent().get(0);
        assertEquals(800, served.tokensAfterFirstEvent());
        assertWithin(4000, 0.05, served.decodeTokensPerSecond(), "served decode tokens/s above the timer resolution");
        assertWithin(4000, 0.10, stream.decodeTokensPerSecond(), "client-timed decode tokens/s");
    }

    @Test
    void roleFirstArrivesBeforePrefillEnds() throws Exception {
        Simulator simulator = start(SimulatorSettings.defaults().withPpSpeed(1000).withTgSpeed(FAST_TG)
                .withRoleFirst(true));
        warmUp(simulator);
        Sse.Stream stream = timed(simulator, () -> sse.stream(streaming("w ".repeat(300), 2, NO_CACHE)),
                s -> secondsTo(s, s.events().get(0)) < 0.1 && within(0.3, 0.10, s.prefillSeconds()));
        Sse.Event role = stream.events().get(0);
        assertEquals("{\"role\":\"assistant\",\"content\":\"\"}", role.delta().toString());
        double roleSeconds = secondsTo(stream, role);
        assertTrue(roleSeconds < 0.1, "role event after " + roleSeconds + " s");
        assertWithin(0.3, 0.10, stream.prefillSeconds(), "first token seconds");
        assertEquals("{\"content\":\"The\"}", stream.first().delta().toString());
    }

    @Test
    void reasoningTokensComeFirstThenContent() throws Exception {
        start(SimulatorSettings.defaults().withPpSpeed(FAST_PP).withTgSpeed(FAST_TG).withReasoningTokens(3));
        Sse.Stream stream = sse.stream(streaming("think", 5, ""));
        List<String> deltas = stream.tokenEvents().stream().map(e -> e.delta().toString()).toList();
        assertEquals(List.of(
                "{\"role\":\"assistant\",\"reasoning_content\":\"The\"}",
                "{\"reasoning_content\":\" quick\"}",
                "{\"reasoning_content\":\" brown\"}",
                "{\"content\":\" fox\"}",
                "{\"content\":\" jumps\"}"), deltas);
    }

    @Test
    void aSharedPrefixIsServedFromTheCacheAndReportedAsCached() throws Exception {
        Simulator simulator = start(SimulatorSettings.defaults().withPpSpeed(2000).withTgSpeed(FAST_TG)
                .withTemplateTokens(2));
        warmUp(simulator);
        String context = "c ".repeat(800);
        Sse.Stream first = sse.stream(streamingWithSystem(context, "hello there", ""));
        Sse.Stream second = sse.stream(streamingWithSystem(context, "goodbye now", ""));
        assertEquals(0, first.usage().path("prompt_tokens_details").path("cached_tokens").asInt());
        assertEquals(806, second.usage().path("prompt_tokens").asInt());
        assertEquals(804, second.usage().path("prompt_tokens_details").path("cached_tokens").asInt());
        assertTrue(first.prefillSeconds() >= 0.403, "uncached prefill took " + first.prefillSeconds() + " s");
        assertTrue(second.prefillSeconds() < first.prefillSeconds() / 4,
                "cached prefill " + second.prefillSeconds() + " s against " + first.prefillSeconds() + " s");
    }

    @Test
    void cachePromptFalseProcessesTheWholePromptButStillRemembersIt() throws Exception {
        Simulator simulator = start(SimulatorSettings.defaults().withPpSpeed(2000).withTgSpeed(FAST_TG));
        warmUp(simulator);
        String context = "c ".repeat(400);
        sse.stream(streamingWithSystem(context, "again", NO_CACHE));
        Sse.Stream repeated = sse.stream(streamingWithSystem(context, "again", NO_CACHE));
        assertEquals(0, repeated.usage().path("prompt_tokens_details").path("cached_tokens").asInt());
        assertTrue(repeated.prefillSeconds() >= 0.2005, "prefill without cache took " + repeated.prefillSeconds()
                + " s");
        Sse.Stream cached = sse.stream(streamingWithSystem(context, "again", ""));
        assertEquals(400, cached.usage().path("prompt_tokens_details").path("cached_tokens").asInt());
    }

    @Test
    void theCoherenceQuestionIsAnsweredParis() throws Exception {
        start(SimulatorSettings.defaults().withPpSpeed(FAST_PP).withTgSpeed(FAST_TG));
        HttpResponse<String> response = sse.post("/v1/chat/completions", "{\"model\":\"benchy-sim\","
                + "\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"What is the capital of France? Please reply with one word only\"}],\"max_tokens\":100}");
        assertEquals(200, response.statusCode());
        JsonNode choice = Sse.JSON.readTree(response.body()).path("choices").path(0);
        assertEquals("Paris", choice.path("message").path("content").asText());
        assertEquals("stop", choice.path("finish_reason").asText());
    }

    @Test
    void aNonStreamingAnswerComesWhenTheLastTokenWouldHave() throws Exception {
        Simulator simulator = start(SimulatorSettings.defaults().withPpSpeed(1000).withTgSpeed(50));
        warmUp(simulator);
        String request = "{\"max_tokens\":6,\"cache_prompt\":false,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "w ".repeat(100) + "\"}]}";
        TimedAnswer answer = timed(simulator, () -> {
            long start = System.nanoTime();
            HttpResponse<String> posted = sse.post("/v1/chat/completions", request);
            return new TimedAnswer((System.nanoTime() - start) / 1e9, posted);
        }, a -> within(0.2, 0.10, a.seconds()));
        HttpResponse<String> response = answer.response();
        assertEquals(200, response.statusCode());
        assertTrue(answer.seconds() >= 0.2, "answered after " + answer.seconds() + " s, before prefill and decode");
        assertWithin(0.2, 0.10, answer.seconds(), "non-streaming response seconds");
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
        JsonNode body = Sse.JSON.readTree(response.body());
        assertEquals("chat.completion", body.path("object").asText());
        assertEquals("The quick brown fox jumps over", body.path("choices").path(0).path("message")
                .path("content").asText());
        assertEquals(6, body.path("usage").path("completion_tokens").asInt());
        assertEquals(1, simulator.stats().snapshot().totals().blockingResponses());
    }

    @Test
    void badRequestsAnswer400WithAnOpenAiError() throws Exception {
        start(SimulatorSettings.defaults());
        HttpResponse<String> badJson = sse.post("/v1/chat/completions", "{\"messages\": [");
        assertEquals(400, badJson.statusCode());
        JsonNode error = Sse.JSON.readTree(badJson.body()).path("error");
        assertEquals("invalid_request_error", error.path("type").asText());
        assertTrue(error.path("message").asText().startsWith("request body must be valid JSON, but was not: "));

        HttpResponse<String> noMessages = sse.post("/v1/chat/completions", "{\"model\":\"m\"}");
        assertEquals(400, noMessages.statusCode());
        assertEquals("{\"error\":{\"message\":\"messages must be a non-empty array, but was missing\","
                + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":null}}", noMessages.body());
    }

    @Test
    void unknownPathsAndWrongMethodsAreRefused() throws Exception {
        start(SimulatorSettings.defaults());
        HttpResponse<String> missing = sse.get("/v1/embeddings");
        assertEquals(404, missing.statusCode());
        assertEquals("path must be one of /v1/models, /v1/chat/completions or /v1/simulator/stats, "
                + "but was /v1/embeddings", Sse.JSON.readTree(missing.body()).path("error").path("message").asText());
        HttpResponse<String> wrongMethod = sse.get("/v1/chat/completions");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("POST", wrongMethod.headers().firstValue("allow").orElse(""));
    }

    @Test
    void aClientLeavingMidStreamCancelsItsTimers() throws Exception {
        Simulator simulator = start(SimulatorSettings.defaults().withPpSpeed(FAST_PP).withTgSpeed(100));
        Sse.Stream partial = sse.stream(streaming("go", 1000, ""), 3);
        assertEquals(3, partial.events().size());
        awaitNoActiveResponses(simulator);
        StatsSnapshot stats = simulator.stats().snapshot();
        assertEquals(1, stats.totals().cancelledStreams());
        ServedStream served = stats.recent().get(0);
        assertFalse(served.completed());
        assertTrue(served.eventsSent() >= 3 && served.eventsSent() < 100, "events sent " + served.eventsSent());
        int sent = served.eventsSent();
        Thread.sleep(100);
        assertEquals(sent, simulator.stats().snapshot().recent().get(0).eventsSent());
    }

    @Test
    void deleteResetsTheStats() throws Exception {
        Simulator simulator = start(SimulatorSettings.defaults().withPpSpeed(FAST_PP).withTgSpeed(FAST_TG));
        sse.stream(streaming("go", 2, ""));
        assertEquals(1, simulator.stats().snapshot().recent().size());
        assertEquals(204, sse.delete("/v1/simulator/stats").statusCode());
        JsonNode stats = Sse.JSON.readTree(sse.get("/v1/simulator/stats").body());
        assertEquals(0, stats.path("recent").size());
        assertEquals(0, stats.path("totals").path("streams").asInt());
    }

    @Test
    void theHandlerServesUnderAPrefixInsideAnotherServer() throws Exception {
        Simulator simulator = new Simulator(SimulatorSettings.defaults().withPpSpeed(FAST_PP).withTgSpeed(FAST_TG),
                new WordTokenizer(), NanoClock.SYSTEM);
        SimulatorHandler handler = new SimulatorHandler(vertx, simulator, "/simulator");
        HttpServer host = await(vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1"));
        try {
            Sse mounted = new Sse("http://127.0.0.1:" + host.actualPort() + "/simulator");
            assertEquals(200, mounted.get("/v1/models").statusCode());
            Sse.Stream stream = mounted.stream(streaming("hi", 2, ""));
            assertEquals(2, stream.tokenEvents().size());
            Sse outside = new Sse(host.actualPort());
            assertEquals(404, outside.get("/v1/models").statusCode());
        } finally {
            await(host.close());
        }
    }

    private static String streaming(String user, int maxTokens, String extra) {
        return "{\"model\":\"benchy-sim\",\"messages\":[{\"role\":\"user\",\"content\":\"" + user + "\"}],"
                + "\"max_tokens\":" + maxTokens + ",\"stream\":true,\"return_token_ids\":true,"
                + "\"stream_options\":{\"include_usage\":true}" + extra + "}";
    }

    private static String streamingWithSystem(String system, String user, String extra) {
        return "{\"model\":\"benchy-sim\",\"messages\":[{\"role\":\"system\",\"content\":\"" + system + "\"},"
                + "{\"role\":\"user\",\"content\":\"" + user + "\"}],\"max_tokens\":2,\"stream\":true,"
                + "\"return_token_ids\":true,\"stream_options\":{\"include_usage\":true}" + extra + "}";
    }

    private static boolean within(double expected, double tolerance, double actual) {
        return Math.abs(actual - expected) <= tolerance * expected;
    }

    private static void assertWithin(double expected, double tolerance, double actual, String what) {
        assertTrue(within(expected, tolerance, actual),
                what + " must be " + expected + " within " + (tolerance * 100) + " %, but was " + actual);
    }

    private static double secondsTo(Sse.Stream stream, Sse.Event event) {
        return (event.nanos() - stream.startNanos()) / 1e9;
    }

    /** One timing taken by the client. */
    @FunctionalInterface
    private interface Measurement<T> {
        T take() throws Exception;
    }

    private record TimedAnswer(double seconds, HttpResponse<String> response) {
    }

    /**
     * On a machine shared with other builds a read can come late, never early. So a timing is taken up to
     * {@value #TRIES} times (statistics reset before each) and the first that falls in its band is judged; a
     * simulator with the wrong speed misses the band every time, and the assertions then report the last try.
     */
    private static <T> T timed(Simulator simulator, Measurement<T> measurement, Predicate<T> inBand)
            throws Exception {
        T taken = null;
        for (int i = 0; i < TRIES; i++) {
            simulator.stats().reset();
            taken = measurement.take();
            if (inBand.test(taken)) {
                return taken;
            }
        }
        return taken;
    }

    /**
     * Two clocks' view of the same span (client reads against server writes) agree within {@value #CLOCK_SLACK} s:
     * a read can come late on a busy machine, never early.
     */
    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= CLOCK_SLACK,
                what + " must be " + expected + " within " + CLOCK_SLACK + " s, but was " + actual);
    }

    private static void awaitNoActiveResponses(Simulator simulator) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (simulator.stats().activeResponses() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, simulator.stats().activeResponses(), "responses still active after the client left");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
