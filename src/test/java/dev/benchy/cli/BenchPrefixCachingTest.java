package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchy.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 4: {@code --enable-prefix-caching} (spec §12). At depth > 0 each run first loads the context (rows
 * {@code ctx_pp @ dN}, {@code ctx_tg @ dN}), then sends the prompt over it: the simulator's prefix cache serves the
 * context, so the inference phase's pp rate is the new tokens over their prefill time, which is the simulator's
 * speed. At depth 0 the flag changes nothing but the report's {@code prefix_caching_enabled}.
 */
class BenchPrefixCachingTest {

    private static final double PP_SPEED = 1000;
    private static Vertx vertx;
    private SimulatorPeer simulator;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /** A fresh simulator (and so an empty prefix cache) for every test. */
    @BeforeEach
    void start() throws Exception {
        simulator = SimulatorPeer.start(vertx, SimulatorSettings.defaults().withPpSpeed(PP_SPEED).withTgSpeed(200));
    }

    @AfterEach
    void stop() throws Exception {
        simulator.close();
    }

    private InProcessBench.Result bench(String format) throws Exception {
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), "--enable-prefix-caching",
                "--depth", "0", "512", "--pp", "256", "--tg", "4", "--runs", "2", "--format", format);
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    @Test
    void contextLoadThenInferenceOverTheWarmContext() throws Exception {
        JsonNode report = bench("json").json();
        assertTrue(report.get("prefix_caching_enabled").asBoolean());
        JsonNode benchmarks = report.get("benchmarks");
        assertEquals(3, benchmarks.size(), benchmarks.toString());
        JsonNode plain = benchmarks.get(0);
        JsonNode load = benchmarks.get(1);
        JsonNode inference = benchmarks.get(2);
        assertEquals(List.of(0, 512, 512), List.of(plain.get("context_size").asInt(),
                load.get("context_size").asInt(), inference.get("context_size").asInt()));
        assertEquals(List.of(false, true, false), List.of(plain.get("is_context_prefill_phase").asBoolean(),
                load.get("is_context_prefill_phase").asBoolean(), inference.get("is_context_prefill_phase").asBoolean()));
        assertEquals("ctx_pp @ d512", load.get("test").asText());
        assertEquals("pp256 @ d512", inference.get("test").asText());

        // the context load is a cold prefill of the context; the inference finds all of it cached
        assertTrue(load.get("cached_tokens").get("mean").asDouble() < 0.05 * 512, load.toString());
        assertFalse(load.get("cache_hit").asBoolean());
        assertTrue(inference.get("cached_tokens").get("mean").asDouble() >= 512, inference.toString());
        assertTrue(inference.get("cache_hit").asBoolean());
        assertEquals(512 + 256, inference.get("prompt_tokens").get("mean").asDouble(), 2.0);

        for (JsonNode run : List.of(plain, load, inference)) {
            double pp = run.get("pp_throughput").get("mean").asDouble();
            assertTrue(pp > 0.75 * PP_SPEED && pp < 1.25 * PP_SPEED,
                    run.get("test").asText() + ": pp " + pp + " t/s, the simulator's speed is " + PP_SPEED);
        }
    }

    @Test
    void tableHasTheContextRowsBeforeTheInferenceRows() throws Exception {
        String table = bench("md").stdout();
        int ctxPp = table.indexOf(" ctx_pp @ d512 |");
        int ctxTg = table.indexOf(" ctx_tg @ d512 |");
        int pp = table.indexOf(" pp256 @ d512 |");
        int tg = table.indexOf(" tg4 @ d512 |");
        assertTrue(table.indexOf(" pp256 |") > 0 && ctxPp > table.indexOf(" pp256 |") && ctxTg > ctxPp && pp > ctxTg && tg > pp, table);
        assertFalse(table.contains("prefill was not cold"), "a warm context is the point here: " + table);
    }
}
