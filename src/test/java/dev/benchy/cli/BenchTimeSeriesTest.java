package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 9 and the schema check: {@code --save-total-throughput-timeseries} and
 * {@code --save-all-throughput-timeseries} fill the JSON's series (one per run; one per request of each run), md
 * ignores them, and a report with prefix caching, concurrency 1 and 2 and both series validates against
 * llama-benchy 0.3.6's schema and benchy's.
 */
class BenchTimeSeriesTest {

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

    private static final String[] FLAGS = {"--enable-prefix-caching", "--depth", "0", "256", "--pp", "64",
            "--tg", "8", "--concurrency", "1", "2", "--runs", "2", "--save-total-throughput-timeseries",
            "--save-all-throughput-timeseries"};

    @Test
    void seriesPerRunAndPerRequestAndTheReportValidates() throws Exception {
        String[] flags = java.util.Arrays.copyOf(FLAGS, FLAGS.length + 2);
        flags[FLAGS.length] = "--format";
        flags[FLAGS.length + 1] = "json";
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), flags);
        assertEquals(0, r.exit(), r.toString());
        JsonNode report = r.json();
        validate(report, "llama-benchy 0.3.6", BenchTimeSeriesTest.class.getResourceAsStream(
                "/schemas/llama-benchy-0.3.6.schema.json"));
        validate(report, "benchy", Files.newInputStream(Path.of("schemas/benchy-report.schema.json")));

        JsonNode benchmarks = report.get("benchmarks");
        assertEquals(6, benchmarks.size(), "d0 c1, d0 c2, then ctx and inference for d256 c1 and c2");
        for (JsonNode run : benchmarks) {
            int c = run.get("concurrency").asInt();
            JsonNode total = run.get("throughput_over_time");
            JsonNode perRequest = run.get("requests_throughput_over_time");
            assertEquals(2, total.size(), "one series per run: " + run.get("test"));
            assertEquals(2, perRequest.size(), run.get("test").asText());
            for (int i = 0; i < 2; i++) {
                assertEquals(c, perRequest.get(i).size(), "one series per request of the batch");
                assertEquals(8 * c, total.get(i).size(), "one point per token of the batch: " + total.get(i));
                JsonNode first = total.get(i).get(0);
                assertEquals(0.0, first.get(0).asDouble(), 0.0, "seconds since the batch's first token");
                for (JsonNode series : perRequest.get(i)) {
                    assertEquals(8, series.size());
                }
            }
        }
    }

    @Test
    void markdownIgnoresTheSeries() throws Exception {
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), FLAGS);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().startsWith("| model "), r.stdout());
        assertTrue(r.stdout().contains(" ctx_pp @ d256 (c2) "), r.stdout());
        assertTrue(!r.stdout().contains("[["), r.stdout());
    }

    private static void validate(JsonNode report, String name, InputStream schemaText) throws Exception {
        try (schemaText) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaText);
            var errors = schema.validate(report);
            assertTrue(errors.isEmpty(), name + " schema: " + errors);
        }
    }
}
