package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchy.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 10: a reasoning model. The simulator sends the first 5 of 12 tokens as {@code reasoning_content}, one event
 * every 10 ms: e2e_ttft is the first reasoning token, tg counts all 12 tokens at the simulator's 100 t/s, and the
 * JSON's content_ttft is the first answer token, 5 events (50 ms) later.
 */
class BenchReasoningTest {

    private static final int REASONING = 5;
    private static final double TG_SPEED = 100;
    private static Vertx vertx;
    private static SimulatorPeer simulator;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = SimulatorPeer.start(vertx, SimulatorSettings.defaults().withPpSpeed(5000)
                .withTgSpeed(TG_SPEED).withReasoningTokens(REASONING));
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void reasoningCountsForTtftAndTgAndTheAnswerHasItsOwnTtft() throws Exception {
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), "--pp", "100", "--tg", "12",
                "--runs", "3", "--format", "json", "--save-all-throughput-timeseries");
        assertEquals(0, r.exit(), r.toString());
        JsonNode run = r.json().get("benchmarks").get(0);
        for (JsonNode batch : run.get("requests_throughput_over_time")) {
            assertEquals(12, batch.get(0).size(), "every generated token counted, reasoning included");
        }
        double tg = run.get("tg_throughput").get("mean").asDouble();
        assertTrue(Math.abs(tg - TG_SPEED) <= 0.1 * TG_SPEED, "tg " + tg + " t/s, the simulator's is " + TG_SPEED);
        double e2e = run.get("e2e_ttft").get("mean").asDouble();
        double content = run.get("content_ttft").get("mean").asDouble();
        double expectedGap = REASONING / TG_SPEED * 1000;
        assertTrue(Math.abs(content - e2e - expectedGap) <= 15,
                "content_ttft " + content + " ms should follow e2e_ttft " + e2e + " ms by about " + expectedGap);
        double ttfr = run.get("ttfr").get("mean").asDouble();
        assertEquals(ttfr, e2e, 1.0, "no role-only event: the first response is the first reasoning token");
    }
}
