package dev.benchy.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportTest {

    private final JsonReportWriter writer = new JsonReportWriter();
    private final JsonReportReader reader = new JsonReportReader();

    @Test
    void writtenReportReadsBackEqual() throws IOException {
        RunReport report = ReportFixtures.full();

        RunReport read = reader.read(writer.write(report).getBytes(StandardCharsets.UTF_8));

        // The time series hold double[] points, which records compare by identity: compare them by content, the rest
        // with the records' equals once the series are set aside.
        for (int i = 0; i < report.benchmarks().size(); i++) {
            BenchmarkRun expected = report.benchmarks().get(i);
            BenchmarkRun actual = read.benchmarks().get(i);
            assertEquals(points(expected.throughputOverTime()), points(actual.throughputOverTime()));
            assertEquals(nestedPoints(expected.requestsThroughputOverTime()),
                    nestedPoints(actual.requestsThroughputOverTime()));
        }
        assertEquals(withoutSeries(report), withoutSeries(read));
        assertEquals(RunStatus.PARTIAL, read.status());
        assertEquals(writer.write(report), writer.write(read));
    }

    @Test
    void readsFromStreamWithoutClosingIt() throws IOException {
        byte[] json = writer.write(ReportFixtures.multiConcurrency()).getBytes(StandardCharsets.UTF_8);
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(json) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        assertEquals(withoutSeries(ReportFixtures.multiConcurrency()), withoutSeries(reader.read(in)));
        assertFalse(closed[0]);
    }

    @Test
    void layoutIsPythonJsonDumpsWithIndentTwo() throws IOException {
        // llama-benchy's sample report is json.dumps(report, indent=2) output; re-printing its tree must give it back
        // byte for byte: indentation, one array element per line, ": " separators, Python's float text.
        byte[] sample = resource("/schemas/llama-benchy-0.3.6-sample.json");
        JsonNode tree = ReportJson.mapper().readTree(sample);

        String printed = ReportJson.mapper().writeValueAsString(tree);

        assertEquals(new String(sample, StandardCharsets.UTF_8), printed);
    }

    @Test
    void emptyContainersNonAsciiAndEndOfText() {
        String json = writer.write(ReportFixtures.full());

        assertTrue(json.startsWith("{\n  \"version\": \"0.1.0\",\n  \"timestamp\": "), json);
        assertTrue(json.endsWith("\n    \"state\": \"degraded\"\n  }\n}"), "no line break after the closing brace");
        assertTrue(json.contains("\"model\": \"mock-model \\u00b5\",\n"), "non-ASCII escaped as Python does");
        assertTrue(json.contains("\"errors\": []"), "empty arrays as []");
        assertTrue(json.contains("\"error_reasons\": {}"), "empty objects as {}");
        assertTrue(json.contains("\"pp_throughput\": null,\n"), "absent metrics written as null");
        assertTrue(json.chars().allMatch(c -> c < 128), "only ASCII characters");
    }

    @Test
    void keysFollowLlamaBenchysOrderThenBenchys() throws IOException {
        JsonNode tree = ReportJson.mapper().readTree(writer.write(ReportFixtures.full()));

        assertEquals(List.of("version", "timestamp", "latency_mode", "latency_ms", "model", "prefix_caching_enabled",
                "max_concurrency", "benchmarks", "id", "target", "served_model", "base_url", "tokenizer", "status",
                "error", "warnings", "started_at", "finished_at", "duration_seconds", "seed", "latency_estimate",
                "request_shape", "slo"), names(tree));
        assertEquals(List.of("fields", "dropped", "extra_body", "auth_header", "headers", "exact_tg",
                "resent_requests", "retried_requests"), names(tree.get("request_shape")));
        assertEquals(List.of("concurrency", "context_size", "prompt_size", "response_size",
                "is_context_prefill_phase", "pp_throughput", "pp_req_throughput", "tg_throughput",
                "tg_req_throughput", "peak_throughput", "peak_req_throughput", "ttfr", "est_ppt", "e2e_ttft",
                "throughput_over_time", "requests_throughput_over_time", "test", "content_ttft", "prompt_tokens",
                "cached_tokens", "cache_hit", "requests", "failed_requests", "errors", "flags", "error_reasons",
                "distributions"), names(tree.get("benchmarks").get(0)));
        assertEquals(List.of("ttfr_seconds", "e2e_ttft_seconds", "request_latency_seconds",
                "inter_token_latency_seconds"), names(tree.get("benchmarks").get(1).get("distributions")));
        assertEquals(List.of("count", "sum", "buckets"),
                names(tree.get("benchmarks").get(1).get("distributions").get("ttfr_seconds")));
        assertEquals(List.of("thresholds", "breaches", "state"), names(tree.get("slo")));
        assertEquals(List.of("threshold", "row", "measured", "limit"), names(tree.get("slo").get("breaches").get(0)));
        assertEquals(List.of("kind", "detail", "figures"), names(tree.get("benchmarks").get(1).get("flags").get(0)));
        assertEquals(List.of("values_ms", "failed_probes", "median_ms", "min_ms", "max_ms", "spread_ms"),
                names(tree.get("latency_estimate")));
        assertEquals(List.of("mean", "std", "values", "p50", "p90", "p99"),
                names(tree.get("benchmarks").get(0).get("ttfr")));
    }

    @Test
    void pointsArePrintedAsArraysOfNumbersInPythonText() {
        String json = writer.write(ReportFixtures.full());

        assertTrue(json.contains("\"throughput_over_time\": [\n        [\n          [\n            0.0,\n"
                + "            1.0\n          ],\n          [\n            0.5,\n"), json);
    }

    @Test
    void readsLlamaBenchysOwnReportIgnoringNothingItNeeds() throws IOException {
        RunReport sample = reader.read(resource("/schemas/llama-benchy-0.3.6-sample.json"));

        assertEquals("test", sample.model());
        assertEquals(2, sample.maxConcurrency());
        assertEquals(1.2734305734435718, sample.latencyMs());
        assertEquals(986.0233386029112, sample.benchmarks().get(0).ppThroughput().values().get(0));
        assertArrayEquals(new double[] {0.0, 1.0}, sample.benchmarks().get(0).throughputOverTime().get(0).get(0));
        assertNull(sample.status());
        assertEquals(List.of(), sample.warnings());
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        String json = writer.write(ReportFixtures.full()).replaceFirst("\\{", "{\"added_later\": {\"x\": [1, 2]},");

        assertEquals(writer.write(ReportFixtures.full()), writer.write(reader.read(json.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void malformedJsonIsAnIoError() {
        assertThrows(IOException.class, () -> reader.read("{\"benchmarks\": [".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nonFiniteNumbersRoundTrip() throws IOException {
        RunReport base = ReportFixtures.full();
        RunReport odd = new RunReport(base.version(), base.timestamp(), base.latencyMode(), Double.NaN, base.model(),
                true, 2, List.of(), null, null, null, null, null, null, null, null, null, null,
                Double.POSITIVE_INFINITY, null);

        RunReport read = reader.read(writer.write(odd).getBytes(StandardCharsets.UTF_8));

        assertEquals(odd, read);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = JsonReportTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " must exist, but was missing");
            }
            return in.readAllBytes();
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<List<List<Double>>> points(List<List<double[]>> series) {
        if (series == null) {
            return null;
        }
        return series.stream().map(JsonReportTest::boxed).toList();
    }

    private static List<List<List<List<Double>>>> nestedPoints(List<List<List<double[]>>> series) {
        if (series == null) {
            return null;
        }
        return series.stream().map(batch -> batch.stream().map(JsonReportTest::boxed).toList()).toList();
    }

    private static List<List<Double>> boxed(List<double[]> series) {
        return series.stream().map(point -> java.util.Arrays.stream(point).boxed().toList()).toList();
    }

    private static RunReport withoutSeries(RunReport report) {
        List<BenchmarkRun> runs = report.benchmarks().stream().map(run -> new BenchmarkRun(run.concurrency(),
                run.contextSize(), run.promptSize(), run.responseSize(), run.contextPrefillPhase(), run.ppThroughput(),
                run.ppReqThroughput(), run.tgThroughput(), run.tgReqThroughput(), run.peakThroughput(),
                run.peakReqThroughput(), run.ttfr(), run.estPpt(), run.e2eTtft(), null, null, run.test(),
                run.contentTtft(), run.promptTokens(), run.cachedTokens(), run.cacheHit(), run.requests(),
                run.failedRequests(), run.errors(), run.flags(), run.errorReasons())).toList();
        return new RunReport(report.version(), report.timestamp(), report.latencyMode(), report.latencyMs(),
                report.model(), report.prefixCachingEnabled(), report.maxConcurrency(), runs, report.id(),
                report.target(), report.servedModel(), report.baseUrl(), report.tokenizer(), report.status(),
                report.error(), report.warnings(), report.startedAt(), report.finishedAt(), report.durationSeconds(),
                report.seed(), report.latencyEstimate(), report.requestShape(), report.slo());
    }
}
