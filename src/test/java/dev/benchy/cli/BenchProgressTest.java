package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchy.core.progress.ProgressStream;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --emit-progress}: llama-benchy's progress events for a run against the simulator, checked against the
 * schema's shape and ordering rules: one header first, one bench_complete last, latency before any request, each
 * request's events in order from request_start to request_end, ids dense from 0.
 */
class BenchProgressTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private static SimulatorPeer simulator;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = SimulatorPeer.start(vertx, SimulatorPeer.fast().withTgSpeed(200));
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static final String[] PLAN = {"--pp", "64", "--tg", "8", "--depth", "0", "128", "--concurrency", "1", "2",
            "--runs", "2", "--enable-prefix-caching"};

    @Test
    void eventsToAFileInTheSchemasShapeAndOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("progress.jsonl");
        String[] flags = java.util.Arrays.copyOf(PLAN, PLAN.length + 2);
        flags[PLAN.length] = "--emit-progress";
        flags[PLAN.length + 1] = file.toString();
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), flags);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().contains(" pp64 @ d128 (c2) |"), "the table still goes to stdout");
        // d0: 2 runs x (1 + 2) requests; d128: context load and inference, each 2 runs x (1 + 2)
        checkStream(Files.readAllLines(file), 6 + 12);
    }

    @Test
    void dashPutsTheEventsOnStdoutAndTheTableOnStderr() throws Exception {
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), "--pp", "64", "--tg", "8",
                "--runs", "1", "--emit-progress", "-");
        assertEquals(0, r.exit(), r.toString());
        checkStream(r.stdout().lines().toList(), 1);
        assertTrue(r.stderr().contains(" pp64 |"), r.stderr());
    }

    @Test
    void aPathThatCannotBeWrittenIsRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), "--emit-progress",
                dir.resolve("no/such/folder/p.jsonl").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.stderr().startsWith("benchy bench: --emit-progress: cannot write "), r.stderr());
        assertEquals("", r.stdout());
    }

    private static void checkStream(List<String> lines, int requests) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(JSON.readTree(line));
        }
        for (JsonNode e : events) {
            assertEquals(ProgressStream.SCHEMA, e.path("schema").asText(), e.toString());
            assertTrue(e.path("ts").isNumber(), e.toString());
        }
        List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
        assertEquals("header", types.get(0));
        assertEquals("bench_complete", types.get(types.size() - 1));
        assertEquals("ok", events.get(events.size() - 1).path("status").asText());
        assertEquals(1, types.stream().filter("header"::equals).count());
        assertEquals(1, types.stream().filter("bench_complete"::equals).count());
        assertEquals(1, types.stream().filter("latency_measured"::equals).count());
        assertTrue(types.indexOf("latency_measured") < types.indexOf("request_start"));

        Map<Integer, List<String>> byRequest = new HashMap<>();
        Map<Integer, Integer> tokens = new HashMap<>();
        int lastStarted = -1;
        for (JsonNode e : events) {
            if (!e.has("request_id")) {
                continue;
            }
            int id = e.path("request_id").asInt();
            String type = e.path("type").asText();
            if (type.equals("request_start")) {
                assertEquals(lastStarted + 1, id, "ids dense and started in order");
                lastStarted = id;
            }
            byRequest.computeIfAbsent(id, k -> new ArrayList<>()).add(type);
            if (type.equals("tokens")) {
                tokens.merge(id, e.path("count").asInt(), Integer::sum);
            }
            if (type.equals("request_end")) {
                assertEquals("", e.path("error").asText());
                assertEquals(8, e.path("total_tokens").asInt());
                assertEquals(tokens.get(id), e.path("total_tokens").asInt(), "token counts add up");
            }
        }
        assertEquals(requests, byRequest.size());
        for (List<String> seq : byRequest.values()) {
            assertEquals("request_start", seq.get(0));
            assertEquals("request_end", seq.get(seq.size() - 1));
            assertTrue(seq.indexOf("request_first_response") < seq.indexOf("request_first_token"), seq.toString());
            assertTrue(seq.indexOf("request_first_token") < seq.indexOf("tokens"), seq.toString());
        }
    }
}
