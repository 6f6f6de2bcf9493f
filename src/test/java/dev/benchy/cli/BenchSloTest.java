package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchy.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench --slo} and {@code --slo-file} as a deploy pipeline uses them, against the simulator at 2 000 prompt t/s
 * and 50 t/s (pp256: ttfr about 130 ms, about 2 000 pp t/s and 50 tg t/s per request): each kind of threshold it
 * cannot meet makes the state degraded (failing for the error rate) and the exit code 3; thresholds it meets leave
 * both at healthy and 0; a run that failed still exits 1.
 */
class BenchSloTest {

    private static Vertx vertx;
    private static SimulatorPeer simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = SimulatorPeer.start(vertx, SimulatorSettings.defaults().withPpSpeed(2000).withTgSpeed(50));
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static InProcessBench.Result bench(String baseUrl, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--model", "benchy-sim", "--pp", "256", "--tg", "8", "--runs",
                "1", "--latency-mode", "none", "--skip-coherence", "--no-warmup", "--no-cache"));
        args.addAll(List.of(flags));
        return InProcessBench.run(vertx, baseUrl, args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "ttfr=20ms; ttfr; pp256",
            "e2e-ttft=20ms; e2e_ttft; pp256",
            "pp-min=100000; pp_min; pp256",
            "tg-min=500; tg_min; tg8"})
    void eachThresholdItCannotMeetDegradesItAndExitsThree(String slo, String threshold, String row) throws Exception {
        InProcessBench.Result r = bench(simulator.baseUrl(), "--format", "json", "--slo", slo);

        assertEquals(3, r.exit(), r.toString());
        JsonNode verdict = r.json().get("slo");
        assertEquals("degraded", verdict.get("state").asText(), verdict.toString());
        assertEquals(1, verdict.get("breaches").size(), verdict.toString());
        JsonNode breach = verdict.get("breaches").get(0);
        assertEquals(threshold, breach.get("threshold").asText());
        assertEquals(row, breach.get("row").asText());
        assertTrue(r.stderr().contains("SLO: degraded."), r.stderr());
        assertTrue(r.stderr().contains("- " + row + ": "), r.stderr());
    }

    @Test
    void thresholdsItMeetsAreHealthyAndExitZero() throws Exception {
        InProcessBench.Result r = bench(simulator.baseUrl(), "--slo",
                "ttfr=5s,e2e-ttft=5s,pp-min=100,tg-min=5,error-rate=1%");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().contains("\n\nSLO: healthy. Thresholds: ttfr \u2264 5000 ms, e2e_ttft \u2264 5000 ms,"
                + " pp t/s (req) \u2265 100 t/s, tg t/s (req) \u2265 5 t/s, error rate \u2264 1 %.\n"), r.stdout());
    }

    @Test
    void withoutThresholdsTheReportIsNotJudged() throws Exception {
        InProcessBench.Result r = bench(simulator.baseUrl(), "--format", "json");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.json().get("slo").isNull(), r.stdout());
    }

    @Test
    void anErrorRateAboveItsLimitIsFailingAndExitsThree() throws Exception {
        // the second of four benchmark requests fails
        try (FakeOpenAiServer fake = FakeOpenAiServer.start((request, exchange) -> {
            if (request.streaming() && request.index() == 1) {
                FakeOpenAiServer.json(exchange, 500, "{\"error\":\"boom\"}");
            } else {
                FakeOpenAiServer.honestly(request, exchange);
            }
        })) {
            InProcessBench.Result r = InProcessBench.run(vertx, fake.baseUrl(), "--model", "fake-model", "--pp", "20",
                    "--tg", "2", "--runs", "2", "--depth", "0", "64", "--latency-mode", "none", "--skip-coherence",
                    "--format", "json", "--slo", "error-rate=10%");

            assertEquals(3, r.exit(), r.toString());
            JsonNode verdict = r.json().get("slo");
            assertEquals("failing", verdict.get("state").asText());
            assertEquals("{\"threshold\":\"error_rate\",\"row\":null,\"measured\":0.25,\"limit\":0.1}",
                    verdict.get("breaches").get(0).toString());
        }
    }

    @Test
    void aFailedRunExitsOneAndIsFailing() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start((request, exchange) -> {
            if (request.streaming()) {
                FakeOpenAiServer.json(exchange, 500, "{\"error\":\"boom\"}");
            } else {
                FakeOpenAiServer.honestly(request, exchange);
            }
        })) {
            InProcessBench.Result r = InProcessBench.run(vertx, fake.baseUrl(), "--model", "fake-model", "--pp", "20",
                    "--tg", "2", "--runs", "1", "--latency-mode", "none", "--skip-coherence", "--slo", "ttfr=5s");

            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stdout().contains("\nSLO: failing (the run failed). Thresholds: ttfr \u2264 5000 ms.\n"),
                    r.stdout());
        }
    }

    @Test
    void aFileScopesThresholdsToRowsAndTheFlagWinsOverIt() throws Exception {
        Path file = dir.resolve("slo.yaml");
        Files.writeString(file, """
                ttfr: 5s
                tg-min: 500
                rows:
                  - depth: 512
                    ttfr: 20ms
                """);

        InProcessBench.Result r = bench(simulator.baseUrl(), "--depth", "0", "512", "--format", "json",
                "--slo-file", file.toString(), "--slo", "tg-min=5");

        assertEquals(3, r.exit(), r.toString());
        JsonNode verdict = r.json().get("slo");
        assertEquals(List.of("ttfr pp256 @ d512"), breaches(verdict));
        assertEquals("[{\"threshold\":\"ttfr\",\"limit\":5000.0},{\"threshold\":\"tg_min\",\"limit\":5.0},"
                + "{\"threshold\":\"ttfr\",\"limit\":20.0,\"scope\":{\"depth\":512}}]",
                verdict.get("thresholds").toString());
    }

    @Test
    void aFileWithAWrongKeyOrValueIsRefusedWithExitTwo() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                ttft: 500ms
                error-rate: lots
                rows:
                  - ttfr: 1s
                """);

        InProcessBench.Result r = bench(simulator.baseUrl(), "--slo-file", file.toString());

        assertEquals(2, r.exit(), r.toString());
        assertEquals("benchy bench: --slo-file " + file + ": keys must be one of ttfr, e2e-ttft, pp-min, tg-min,"
                + " error-rate, rows, but one was 'ttft'; error-rate: must be a fraction from 0 to 1 or a percentage"
                + " such as 1%, but was lots; rows[0]: must name its rows by at least one of depth, concurrency, pp,"
                + " tg, but named none", r.stderr().strip());
    }

    private static List<String> breaches(JsonNode verdict) {
        List<String> out = new ArrayList<>();
        verdict.get("breaches").forEach(b -> out.add(b.get("threshold").asText() + " " + b.get("row").asText()));
        return out;
    }
}
