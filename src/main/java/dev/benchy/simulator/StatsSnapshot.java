package dev.benchy.simulator;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.List;

/**
 * The simulator's statistics at one moment, as served by {@code GET /v1/simulator/stats}. Times are in seconds and
 * rates in tokens per second; a rate without a time span to divide by is {@code null}. Each recent stream also
 * carries its raw stamps ({@code arrival_nanos}, {@code first_token_nanos}, {@code last_token_nanos}: the simulator's
 * monotonic clock, -1 when never reached), so a harness can group streams into the batches it sent and compute what
 * the server achieved over a batch (its aggregate decode rate spans from the first first token to the last token).
 *
 * @param activeResponses responses in flight
 * @param totals          sums since the last reset
 * @param recent          the most recent streams, oldest first
 */
public record StatsSnapshot(int activeResponses, StatsTotals totals, List<ServedStream> recent) {

    private static final double NANOS_PER_SECOND = 1e9;

    public StatsSnapshot {
        recent = List.copyOf(recent);
    }

    public String toJson() {
        return OpenAiWire.render(g -> {
            g.writeStartObject();
            g.writeNumberField("active_responses", activeResponses);
            writeTotals(g);
            g.writeArrayFieldStart("recent");
            for (ServedStream s : recent) {
                writeStream(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void writeTotals(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("totals");
        g.writeNumberField("streams", totals.streams());
        g.writeNumberField("cancelled_streams", totals.cancelledStreams());
        g.writeNumberField("blocking_responses", totals.blockingResponses());
        g.writeNumberField("tokens_sent", totals.tokensSent());
        g.writeNumberField("prefill_tokens", totals.prefillTokens());
        g.writeNumberField("prefill_seconds", seconds(totals.prefillNanos()));
        writeRate(g, "prefill_tokens_per_second", totals.prefillTokensPerSecond());
        g.writeNumberField("decode_tokens", totals.decodeTokens());
        g.writeNumberField("decode_seconds", seconds(totals.decodeNanos()));
        writeRate(g, "decode_tokens_per_second", totals.decodeTokensPerSecond());
        g.writeEndObject();
    }

    private static void writeStream(JsonGenerator g, ServedStream s) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("completed", s.completed());
        g.writeNumberField("prompt_tokens", s.promptTokens());
        g.writeNumberField("cached_tokens", s.cachedTokens());
        g.writeNumberField("events_sent", s.eventsSent());
        g.writeNumberField("tokens_sent", s.tokensSent());
        writeSeconds(g, "first_response_seconds", s.firstResponseDelayNanos());
        writeSeconds(g, "prefill_seconds", s.prefillNanos());
        g.writeNumberField("decode_seconds", seconds(s.decodeNanos()));
        writeRate(g, "prefill_tokens_per_second", s.prefillTokensPerSecond());
        writeRate(g, "decode_tokens_per_second", s.decodeTokensPerSecond());
        g.writeNumberField("arrival_nanos", s.arrivalNanos());
        g.writeNumberField("first_token_nanos", s.firstTokenNanos());
        g.writeNumberField("last_token_nanos", s.lastTokenNanos());
        g.writeEndObject();
    }

    private static void writeSeconds(JsonGenerator g, String name, long nanos) throws IOException {
        if (nanos == ServedStream.ABSENT) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, seconds(nanos));
        }
    }

    private static void writeRate(JsonGenerator g, String name, double rate) throws IOException {
        if (Double.isNaN(rate)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, rate);
        }
    }

    private static double seconds(long nanos) {
        return nanos / NANOS_PER_SECOND;
    }
}
