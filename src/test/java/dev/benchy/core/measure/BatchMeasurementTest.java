package dev.benchy.core.measure;

import dev.benchy.core.stream.RequestTrace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchMeasurementTest {

    private static BatchMeasurement measure(RequestTrace... traces) {
        return BatchMeasurement.of(List.of(traces), 100, 0.0, null).orElseThrow();
    }

    @Test
    void aBatchWithoutASuccessfulRequestIsNotMeasured() {
        assertTrue(BatchMeasurement.of(List.of(Traces.failed(0, "refused")), 100, 0.0, null).isEmpty());
        assertTrue(BatchMeasurement.of(List.of(), 100, 0.0, null).isEmpty());
    }

    @Test
    void timesAreRelativeToTheEarliestStartOfTheBatch() {
        BatchMeasurement b = measure(Traces.startedAt(30).events(31.0), Traces.startedAt(29.5).events(30.5));

        assertArrayEquals(new double[] {1.0, 1.5}, b.tokens(), 0.0);
    }

    @Test
    void ppTotalSumsTheBatchAndIsNotLatencyCorrected() {
        BatchMeasurement b = BatchMeasurement.of(List.of(
                Traces.startedAt(0).events(0.5).build(),
                Traces.startedAt(0.25).events(1.25).promptTokens(110).build()), 100, 0.25, null).orElseThrow();

        // (100 + 110) / (1.25 - 0)
        assertTrue(b.complete());
        assertEquals(168.0, b.ppTotal().getAsDouble(), 0.0);
    }

    @Test
    void aBatchWithAFailedRequestKeepsItsRequestsButHasNoTotalsAndNoPeak() {
        // 2 of 4 failed: the window still held the failed requests' work, so no total could be right
        BatchMeasurement b = BatchMeasurement.of(List.of(
                Traces.startedAt(0).events(0.5, 0.75).build(),
                Traces.failed(0, "reset"),
                Traces.startedAt(0.25).events(1.25, 1.5).promptTokens(110).build(),
                Traces.failed(0, "reset")), 100, 0.25, null).orElseThrow();

        assertFalse(b.complete());
        assertTrue(b.ppTotal().isEmpty());
        assertTrue(b.tgTotal().isEmpty());
        assertTrue(b.peakTotal().isEmpty());
        assertArrayEquals(new double[0], b.tokens(), 0.0);
        assertEquals(2, b.requests().size());
        // the requests' own figures stay: 100 / (0.5 − 0.25), one token after the first / 0.25 s
        assertEquals(400.0, b.requests().get(0).ppSpeed().getAsDouble(), 0.0);
        assertEquals(4.0, b.requests().get(1).tgSpeed().getAsDouble(), 0.0);
    }

    @Test
    void ppTotalIsAbsentWithoutAFirstToken() {
        assertTrue(measure(Traces.startedAt(0).firstResponse(0.5).build()).ppTotal().isEmpty());
    }

    @Test
    void tgTotalIsAbsentWhenNoRequestHadATokenAfterItsFirst() {
        BatchMeasurement b = measure(Traces.startedAt(0).events(1.0), Traces.startedAt(0).event(2.0, 5));

        assertTrue(b.tgTotal().isEmpty());
        assertEquals(5.0, b.peakTotal().getAsDouble(), 0.0, "5 tokens in the window (1.0, 2.0]");
    }

    @Test
    void tgTotalSpansFromTheEarliestFirstTokenToTheLatestToken() {
        BatchMeasurement b = measure(Traces.startedAt(0).events(1.0, 1.5), Traces.startedAt(0).events(2.0, 3.0));

        // one token after each first / (3.0 - 1.0)
        assertEquals(1.0, b.tgTotal().getAsDouble(), 0.0);
    }

    private static BatchMeasurement measure(Traces... traces) {
        RequestTrace[] built = new RequestTrace[traces.length];
        for (int i = 0; i < traces.length; i++) {
            built[i] = traces[i].build();
        }
        return measure(built);
    }
}
