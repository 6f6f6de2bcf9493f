package dev.benchy.core.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.benchy.core.NanoClock;
import dev.benchy.core.measure.TokenTimeline;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.FinishedBatch;
import dev.benchy.core.run.RunListener;
import dev.benchy.core.stream.RequestTrace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * llama-benchy's progress stream ({@code --emit-progress}, schema {@value #SCHEMA}): one JSON object a line, for
 * live viewers. A {@code header} first, {@code latency_measured} once, then per measured request
 * {@code request_start}, {@code request_first_response} ({@code ttfr_s}), {@code request_first_token}
 * ({@code ttft_s}), one {@code tokens} event per content event and {@code request_end}; {@code bench_complete} last.
 *
 * <p>The timed path writes nothing: a batch's events are written when the batch has ended, from its requests' traces,
 * merged in the order they happened and stamped ({@code ts}, Unix seconds) with the moment each happened. Request ids
 * count from 0 in the order requests were started. Warm-up, coherence and latency requests are not measured and get
 * no events. Per-event text is not kept, so {@code snippet} is empty; {@code count} is the event's
 * {@code token_ids} length, or 1 with {@code estimated: true} when the server sent none. Each event also carries
 * {@code phase} ({@code standard}, {@code context load} or {@code inference}) on {@code request_start}, which the
 * schema allows as an added field.
 */
public final class ProgressStream implements RunListener {

    public static final String SCHEMA = "llama-benchy-progress.v1";

    private final Writer out;
    private final NanoClock clock;
    private final double originEpochSeconds;
    private final long originNanos;
    private final ObjectWriter json = JsonMapper.builder().build().writer();
    private int nextId;
    private String failure;

    /**
     * @param out   where the lines go; flushed after each group of events, never closed here
     * @param wall  the wall clock of {@code ts}
     * @param clock the clock the traces were stamped with
     */
    public ProgressStream(Writer out, Clock wall, NanoClock clock) {
        this.out = out;
        this.clock = clock;
        this.originNanos = clock.nanoTime();
        this.originEpochSeconds = wall.millis() / 1000.0;
    }

    /** The first line: the schema and the producer's version. */
    public void header(String version) {
        Map<String, Object> event = event("header", now());
        event.put("llama_benchy_version", version);
        event.put("producer", "benchy");
        write(List.of(event));
    }

    @Override
    public void latencyMeasured(String mode, double seconds) {
        Map<String, Object> event = event("latency_measured", now());
        event.put("latency_s", seconds);
        event.put("mode", mode);
        write(List.of(event));
    }

    @Override
    public void batchFinished(FinishedBatch batch) {
        List<Map<String, Object>> events;
        synchronized (this) {
            events = requestEvents(batch, nextId);
            nextId += batch.traces().size();
        }
        write(events);
    }

    /** The last line: {@code ok} (the run finished, some requests may have failed), {@code interrupted} or {@code error}. */
    public void complete(RunStatus status) {
        Map<String, Object> event = event("bench_complete", now());
        event.put("status", switch (status) {
            case OK, PARTIAL -> "ok";
            case CANCELLED -> "interrupted";
            case FAILED -> "error";
        });
        write(List.of(event));
    }

    /**
     * The events of a batch's requests in the order they happened; ids from {@code firstId} in the order the requests
     * were written (the requests of a batch go out together, on several event loops, so that order is the stamps').
     */
    List<Map<String, Object>> requestEvents(FinishedBatch batch, int firstId) {
        List<RequestTrace> byStart = batch.traces().stream()
                .sorted(Comparator.comparingLong(RequestTrace::startNanos)).toList();
        List<Stamped> all = new ArrayList<>();
        for (int i = 0; i < byStart.size(); i++) {
            new RequestEvents(firstId + i, byStart.get(i), all).add(batch);
        }
        all.sort(Comparator.comparingLong(Stamped::nanos).thenComparingInt(Stamped::order));
        return all.stream().map(Stamped::event).toList();
    }

    /** One event with when it happened and its place among the events added before it (for equal times). */
    private record Stamped(long nanos, int order, Map<String, Object> event) {
    }

    /** The events of one request, each at or after the one before, so merging never reorders them. */
    private final class RequestEvents {
        private final int id;
        private final RequestTrace trace;
        private final List<Stamped> into;
        private long last = Long.MIN_VALUE;

        RequestEvents(int id, RequestTrace trace, List<Stamped> into) {
            this.id = id;
            this.trace = trace;
            this.into = into;
        }

        void add(FinishedBatch batch) {
            Map<String, Object> start = at("request_start", trace.startNanos());
            start.put("model", batch.model());
            start.put("base_url", batch.baseUrl());
            start.put("prompt_size", batch.test().pp());
            start.put("response_size", batch.test().tg());
            start.put("context_size", batch.test().depth());
            start.put("concurrency", batch.test().concurrency());
            start.put("run_index", batch.run() - 1);
            start.put("target_label", "");
            start.put("phase", batch.phase());
            if (trace.hasFirstResponse()) {
                at("request_first_response", trace.firstResponseNanos())
                        .put("ttfr_s", seconds(trace.startNanos(), trace.firstResponseNanos()));
            }
            if (trace.hasFirstToken()) {
                at("request_first_token", trace.firstTokenNanos())
                        .put("ttft_s", seconds(trace.startNanos(), trace.firstTokenNanos()));
            }
            boolean exact = trace.contentEvents() > 0
                    && Arrays.stream(trace.eventTokenIds()).allMatch(n -> n != RequestTrace.ABSENT);
            for (int e = 0; e < trace.contentEvents(); e++) {
                Map<String, Object> tokens = at("tokens", trace.eventNanos()[e]);
                tokens.put("count", exact ? trace.eventTokenIds()[e] : 1);
                tokens.put("snippet", "");
                if (!exact) {
                    tokens.put("estimated", true);
                }
            }
            Map<String, Object> end = at("request_end", trace.endNanos());
            end.put("total_tokens", TokenTimeline.of(trace, trace.startNanos(), null).count());
            end.put("prompt_tokens", Math.max(0, trace.promptTokens()));
            end.put("decode_seconds", trace.hasFirstToken() ? seconds(trace.firstTokenNanos(), trace.endNanos()) : 0.0);
            end.put("error", trace.error() == null ? "" : trace.error());
        }

        private Map<String, Object> at(String type, long nanos) {
            last = Math.max(last, nanos);
            Map<String, Object> event = event(type, epochSeconds(last));
            event.put("request_id", id);
            into.add(new Stamped(last, into.size(), event));
            return event;
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    private double epochSeconds(long nanos) {
        return originEpochSeconds + (nanos - originNanos) / 1e9;
    }

    private double now() {
        return epochSeconds(clock.nanoTime());
    }

    private static Map<String, Object> event(String type, double ts) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schema", SCHEMA);
        event.put("type", type);
        event.put("ts", ts);
        return event;
    }

    /** Writes the events; after a failed write the stream stays silent, and the run goes on. */
    private synchronized void write(List<Map<String, Object>> events) {
        if (failure != null) {
            return;
        }
        try {
            for (Map<String, Object> event : events) {
                out.write(json.writeValueAsString(event));
                out.write('\n');
            }
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            failure = String.valueOf(e.getMessage());
        }
    }

    /** Why the stream stopped being written (its reader went away, the disk filled), or null. */
    public synchronized String failure() {
        return failure;
    }
}
