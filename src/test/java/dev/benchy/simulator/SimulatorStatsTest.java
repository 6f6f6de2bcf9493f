package dev.benchy.simulator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimulatorStatsTest {

    private static final long MS = 1_000_000;

    /** 800 uncached tokens in 0.4 s, then 50 tokens after the first event in 1 s. */
    private static final ServedStream COMPLETED =
            new ServedStream(1000, 200, 0, 100 * MS, 400 * MS, 1400 * MS, 51, 51, 50, true);
    /** Left before its first token. */
    private static final ServedStream LEFT_EARLY = new ServedStream(10, 0, 0, ServedStream.ABSENT,
            ServedStream.ABSENT, ServedStream.ABSENT, 0, 0, 0, false);

    @Test
    void aStreamDerivesItsRealPrefillAndDecodeRates() {
        assertEquals(400 * MS, COMPLETED.prefillNanos());
        assertEquals(100 * MS, COMPLETED.firstResponseDelayNanos());
        assertEquals(1000 * MS, COMPLETED.decodeNanos());
        assertEquals(2000.0, COMPLETED.prefillTokensPerSecond());
        assertEquals(50.0, COMPLETED.decodeTokensPerSecond());
    }

    @Test
    void snapshotJsonShowsSecondsRatesAndNullWhereNothingHappened() {
        SimulatorStats stats = new SimulatorStats(10);
        stats.record(COMPLETED);
        stats.record(LEFT_EARLY);
        stats.recordBlocking(7);
        assertEquals("{\"active_responses\":0,\"totals\":{\"streams\":2,\"cancelled_streams\":1,"
                + "\"blocking_responses\":1,\"tokens_sent\":58,\"prefill_tokens\":800,\"prefill_seconds\":0.4,"
                + "\"prefill_tokens_per_second\":2000.0,\"decode_tokens\":50,\"decode_seconds\":1.0,"
                + "\"decode_tokens_per_second\":50.0},\"recent\":["
                + "{\"completed\":true,\"prompt_tokens\":1000,\"cached_tokens\":200,\"events_sent\":51,"
                + "\"tokens_sent\":51,\"first_response_seconds\":0.1,\"prefill_seconds\":0.4,\"decode_seconds\":1.0,"
                + "\"prefill_tokens_per_second\":2000.0,\"decode_tokens_per_second\":50.0,"
                + "\"arrival_nanos\":0,\"first_token_nanos\":400000000,\"last_token_nanos\":1400000000},"
                + "{\"completed\":false,\"prompt_tokens\":10,\"cached_tokens\":0,\"events_sent\":0,"
                + "\"tokens_sent\":0,\"first_response_seconds\":null,\"prefill_seconds\":null,\"decode_seconds\":0.0,"
                + "\"prefill_tokens_per_second\":null,\"decode_tokens_per_second\":null,"
                + "\"arrival_nanos\":0,\"first_token_nanos\":-1,\"last_token_nanos\":-1}]}",
                stats.snapshot().toJson());
    }

    @Test
    void theRingKeepsTheMostRecentStreamsWhileTotalsKeepCounting() {
        SimulatorStats stats = new SimulatorStats(2);
        for (int i = 0; i < 5; i++) {
            stats.record(new ServedStream(i, 0, 0, MS, MS, 2 * MS, 2, 2, 1, true));
        }
        StatsSnapshot snapshot = stats.snapshot();
        assertEquals(2, snapshot.recent().size());
        assertEquals(3, snapshot.recent().get(0).promptTokens());
        assertEquals(4, snapshot.recent().get(1).promptTokens());
        assertEquals(5, snapshot.totals().streams());
        assertEquals(10, snapshot.totals().tokensSent());
    }

    @Test
    void resetForgetsHistoryButNotResponsesInFlight() {
        SimulatorStats stats = new SimulatorStats(2);
        stats.responseStarted();
        stats.record(COMPLETED);
        stats.reset();
        assertEquals(new StatsSnapshot(1, StatsTotals.NONE, List.of()), stats.snapshot());
        stats.responseEnded();
        assertEquals(0, stats.activeResponses());
    }

    @Test
    void capacityMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SimulatorStats(0));
        assertEquals("stats capacity must be at least 1, but was 0", e.getMessage());
    }
}
