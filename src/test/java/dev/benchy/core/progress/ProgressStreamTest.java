package dev.benchy.core.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchy.core.plan.TestCase;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.FinishedBatch;
import dev.benchy.core.stream.ErrorReason;
import dev.benchy.core.stream.RequestTrace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressStreamTest {

    private static final long MS = 1_000_000L;
    private final AtomicLong nanos = new AtomicLong(5_000 * MS);
    private final StringWriter out = new StringWriter();
    private final ProgressStream stream = new ProgressStream(out,
            Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC), nanos::get);

    /** A request started at {@code start} ms (on the fake clock) with two events of 1 and 2 token ids. */
    private static RequestTrace streamed(long start, int[] tokenIds) {
        long s = start * MS;
        return new RequestTrace(s, s + 90 * MS, s + 100 * MS, s + 120 * MS, s + 120 * MS, s + 200 * MS,
                new long[] {s + 120 * MS, s + 160 * MS}, tokenIds, "Hello world", 512, 3, 0, 200, null);
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            events.add(new ObjectMapper().readTree(line));
        }
        return events;
    }

    @Test
    void aBatchsRequestsInTheOrderThingsHappenedWithTheirOwnTimes() throws IOException {
        stream.header("0.1.0");
        stream.latencyMeasured("api", 0.0015);
        RequestTrace first = streamed(5_000, new int[] {1, 2});
        RequestTrace second = streamed(5_050, new int[] {1, 2});
        stream.batchFinished(new FinishedBatch("m", "http://127.0.0.1:1/v1", new TestCase(0, 512, 32, 2), 1,
                "standard", List.of(first, second)));
        stream.complete(RunStatus.PARTIAL);

        List<JsonNode> events = lines();
        assertTrue(events.stream().allMatch(e -> e.path("schema").asText().equals(ProgressStream.SCHEMA)));
        List<String> order = events.stream()
                .map(e -> e.path("type").asText() + (e.has("request_id") ? e.path("request_id").asInt() : ""))
                .toList();
        assertEquals(List.of("header", "latency_measured",
                "request_start0", "request_start1", "request_first_response0", "request_first_token0", "tokens0",
                "request_first_response1", "tokens0", "request_first_token1", "tokens1", "request_end0", "tokens1",
                "request_end1", "bench_complete"), order);

        JsonNode start = events.get(2);
        assertEquals("m", start.path("model").asText());
        assertEquals(512, start.path("prompt_size").asInt());
        assertEquals(32, start.path("response_size").asInt());
        assertEquals(0, start.path("context_size").asInt());
        assertEquals(2, start.path("concurrency").asInt());
        assertEquals(0, start.path("run_index").asInt());
        assertEquals("", start.path("target_label").asText());
        assertEquals(Instant.parse("2026-12-01T10:00:00Z").getEpochSecond(), start.path("ts").asDouble(), 1e-6,
                "the request's own start (the origin of the fake clock), on the wall clock");
        assertEquals(0.1, events.get(4).path("ttfr_s").asDouble(), 1e-9);
        assertEquals(0.12, events.get(5).path("ttft_s").asDouble(), 1e-9);
        assertEquals(1, events.get(6).path("count").asInt());
        assertFalse(events.get(6).has("estimated"), "token_ids are exact");
        JsonNode end = events.get(11);
        assertEquals(3, end.path("total_tokens").asInt());
        assertEquals(512, end.path("prompt_tokens").asInt());
        assertEquals(0.08, end.path("decode_seconds").asDouble(), 1e-9);
        assertEquals("", end.path("error").asText());
        assertEquals("ok", events.get(events.size() - 1).path("status").asText(), "a partial run completed");
        assertEquals(0.0015, events.get(1).path("latency_s").asDouble());
    }

    @Test
    void idsGoOnAcrossBatchesAndAFailedRequestEndsWithItsError() throws IOException {
        TestCase test = new TestCase(0, 512, 32, 1);
        stream.batchFinished(new FinishedBatch("m", "u", test, 1, "standard", List.of(streamed(1, new int[] {1, 2}))));
        stream.batchFinished(new FinishedBatch("m", "u", test, 2, "standard",
                List.of(RequestTrace.failed(9 * MS, 10 * MS, 503, ErrorReason.HTTP_5XX, "HTTP 503: busy"))));
        List<JsonNode> events = lines();
        JsonNode failedStart = events.get(events.size() - 2);
        JsonNode failedEnd = events.get(events.size() - 1);
        assertEquals("request_start", failedStart.path("type").asText());
        assertEquals(1, failedStart.path("request_id").asInt());
        assertEquals(1, failedStart.path("run_index").asInt());
        assertEquals("HTTP 503: busy", failedEnd.path("error").asText());
        assertEquals(0, failedEnd.path("total_tokens").asInt());
        assertEquals(0.0, failedEnd.path("decode_seconds").asDouble());
    }

    @Test
    void withoutTokenIdsEachEventCountsOneEstimated() throws IOException {
        int[] none = {RequestTrace.ABSENT, RequestTrace.ABSENT};
        stream.batchFinished(new FinishedBatch("m", "u", new TestCase(0, 512, 32, 1), 1, "standard",
                List.of(streamed(1, none))));
        List<JsonNode> tokens = lines().stream().filter(e -> e.path("type").asText().equals("tokens")).toList();
        assertEquals(2, tokens.size());
        assertTrue(tokens.stream().allMatch(e -> e.path("count").asInt() == 1 && e.path("estimated").asBoolean()));
        JsonNode end = lines().get(lines().size() - 1);
        assertEquals(3, end.path("total_tokens").asInt(), "the server's usage count is the total");
    }

    @Test
    void statusOfTheLastLine() throws IOException {
        stream.complete(RunStatus.CANCELLED);
        stream.complete(RunStatus.FAILED);
        stream.complete(RunStatus.OK);
        assertEquals(List.of("interrupted", "error", "ok"), lines().stream().map(e -> e.path("status").asText())
                .toList());
    }

    @Test
    void aReaderThatWentAwayStopsTheStreamNotTheRun() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        ProgressStream silent = new ProgressStream(broken, Clock.systemUTC(), nanos::get);
        silent.header("0.1.0");
        silent.complete(RunStatus.OK);
        assertEquals("Broken pipe", silent.failure());
    }
}
