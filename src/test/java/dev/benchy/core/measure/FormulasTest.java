package dev.benchy.core.measure;

import dev.benchy.core.stream.RequestTrace;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormulasTest {

    @Test
    void secondsBetweenTwoNanoStampsFarFromZero() {
        assertEquals(1.5, Formulas.seconds(Traces.BASE, Traces.BASE + 1_500_000_000L), 0.0);
        assertEquals(0.000_000_001, Formulas.seconds(Traces.BASE, Traces.BASE + 1), 0.0);
    }

    @Test
    void timesToFirstResponseTokenAndContentAreMeasuredFromTheStart() {
        RequestTrace trace = Traces.startedAt(1.0).firstResponse(1.25).firstToken(1.5).firstContent(3.0)
                .events(1.5, 3.0).build();

        assertEquals(0.25, Formulas.ttfr(trace).getAsDouble(), 0.0);
        assertEquals(0.5, Formulas.e2eTtft(trace).getAsDouble(), 0.0);
        assertEquals(2.0, Formulas.contentTtft(trace).getAsDouble(), 0.0);
    }

    @Test
    void timesAreAbsentWhenTheEventNeverCame() {
        RequestTrace trace = Traces.startedAt(1.0).build();

        assertTrue(Formulas.ttfr(trace).isEmpty());
        assertTrue(Formulas.e2eTtft(trace).isEmpty());
        assertTrue(Formulas.contentTtft(trace).isEmpty());
    }

    @Test
    void estPptSubtractsTheLatency() {
        assertEquals(0.5, Formulas.estPpt(0.75, 0.25), 0.0);
        assertEquals(0.75, Formulas.estPpt(0.75, 0.0), 0.0);
    }

    @Test
    void estPptIsClampedAtZeroWhenTheLatencyExceedsTtfr() {
        assertEquals(0.0, Formulas.estPpt(0.25, 0.5), 0.0);
    }

    @Test
    void aClampIsCountedWhenTtfrIsNotAboveAMeasuredLatency() {
        assertTrue(Formulas.estPptClamped(0.25, 0.5));
        assertTrue(Formulas.estPptClamped(0.5, 0.5), "est_ppt 0 gives no pp rate either");
        assertFalse(Formulas.estPptClamped(0.5000001, 0.5));
        assertFalse(Formulas.estPptClamped(0.0, 0.0), "nothing subtracted, nothing clamped");
    }

    @Test
    void serverPromptCountWithinTwentyPercentIsUsed() {
        assertEquals(2060, Formulas.promptTokens(2048, 2060));
        assertEquals(119, Formulas.promptTokens(100, 119));
        assertEquals(81, Formulas.promptTokens(100, 81));
    }

    @Test
    void serverPromptCountTwentyPercentOrMoreAwayIsIgnored() {
        assertEquals(2048, Formulas.promptTokens(2048, 6144), "depth + pp after a cached context");
        assertEquals(100, Formulas.promptTokens(100, 120), "exactly 20 % is outside");
        assertEquals(100, Formulas.promptTokens(100, 80));
    }

    @Test
    void missingOrZeroServerPromptCountFallsBackToTheExpectedOne() {
        assertEquals(2048, Formulas.promptTokens(2048, RequestTrace.ABSENT));
        assertEquals(2048, Formulas.promptTokens(2048, 0));
    }

    @Test
    void ppRateNeedsAPositiveDuration() {
        assertEquals(200.0, Formulas.ppRate(100, 0.5).getAsDouble(), 0.0);
        assertTrue(Formulas.ppRate(100, 0.0).isEmpty());
    }

    @Test
    void tgRateNeedsTokensAndAPositiveDuration() {
        assertEquals(8.0, Formulas.tgRate(2, 0.25).getAsDouble(), 0.0);
        assertTrue(Formulas.tgRate(0, 1.0).isEmpty());
        assertTrue(Formulas.tgRate(3, 0.0).isEmpty());
    }

    @Test
    void tokensSharingTheFirstStampAreNotCountedAfterIt() {
        assertEquals(2, Formulas.tokensAfterFirst(new double[] {1.0, 1.0, 1.0, 2.0, 3.0}));
        assertEquals(0, Formulas.tokensAfterFirst(new double[0]));
    }

    @Test
    void tgOfFourSteadyTokensIsTenPerSecond() {
        // spec §16: [1.0, 1.1, 1.2, 1.3] -> 10 t/s; 1.3 - 1.0 is 0.30000000000000004 in binary, hence the delta
        assertEquals(10.0, Formulas.tgSpeed(new double[] {1.0, 1.1, 1.2, 1.3}).getAsDouble(), 1e-12);
        // the same stream as benchy sees it, relative to a nearby origin: exact
        assertEquals(10.0, Formulas.tgSpeed(new double[] {0.0, 0.1, 0.2, 0.3}).getAsDouble(), 0.0);
    }

    @Test
    void tgOfAWholeAnswerInOneInstantIsAbsent() {
        double[] t = new double[130];
        Arrays.fill(t, 3.0);

        assertTrue(Formulas.tgSpeed(t).isEmpty());
    }

    @Test
    void tgExcludesAFirstBlockOfTokens() {
        // spec §16: 256 tokens at 1.0, then 256 spread over the 0.75 s after 1.25 -> 256 t/s
        double[] t = new double[512];
        Arrays.fill(t, 0, 256, 1.0);
        for (int i = 0; i < 256; i++) {
            t[256 + i] = 1.25 + 0.75 * (i + 1) / 256;
        }

        assertEquals(256.0, Formulas.tgSpeed(t).getAsDouble(), 0.0);
    }

    @Test
    void tgNeedsTwoTimestamps() {
        assertTrue(Formulas.tgSpeed(new double[] {1.0}).isEmpty());
        assertTrue(Formulas.tgSpeed(new double[0]).isEmpty());
    }
}
