package dev.benchy.core.slo;

import dev.benchy.core.report.SloThreshold;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SloTextTest {

    private static String problem(SloThreshold t, String text) {
        return assertThrows(IllegalArgumentException.class, () -> SloText.limit(t, text)).getMessage();
    }

    @Test
    void durationsBecomeMilliseconds() {
        assertEquals(500.0, SloText.limit(SloThreshold.TTFR, "500ms"));
        assertEquals(2000.0, SloText.limit(SloThreshold.TTFR, "2s"));
        assertEquals(1500.0, SloText.limit(SloThreshold.E2E_TTFT, " 1.5s "));
        assertEquals(60_000.0, SloText.limit(SloThreshold.TTFR, "1m"));
        assertEquals("must be a duration such as 500ms or 2s, but was abc", problem(SloThreshold.TTFR, "abc"));
        assertEquals("must be a duration such as 500ms or 2s, but was 500", problem(SloThreshold.TTFR, "500"));
        assertEquals("must be a duration such as 500ms or 2s, but was -1s", problem(SloThreshold.TTFR, "-1s"));
        assertEquals("must be a duration above 0, such as 500ms or 2s, but was 0ms",
                problem(SloThreshold.E2E_TTFT, "0ms"));
    }

    @Test
    void speedsAreTokensPerSecondAboveZero() {
        assertEquals(40.0, SloText.limit(SloThreshold.TG_MIN, "40"));
        assertEquals(1500.5, SloText.limit(SloThreshold.PP_MIN, "1500.5"));
        assertEquals("must be a number of tokens per second above 0, such as 40, but was 0",
                problem(SloThreshold.TG_MIN, "0"));
        assertEquals("must be a number of tokens per second above 0, such as 40, but was fast",
                problem(SloThreshold.PP_MIN, "fast"));
        assertEquals("must be a number of tokens per second above 0, such as 40, but was NaN",
                problem(SloThreshold.PP_MIN, "NaN"));
    }

    @Test
    void errorRatesAreFractionsOrPercentages() {
        assertEquals(0.01, SloText.limit(SloThreshold.ERROR_RATE, "1%"));
        assertEquals(0.005, SloText.limit(SloThreshold.ERROR_RATE, "0.5 %"));
        assertEquals(0.02, SloText.limit(SloThreshold.ERROR_RATE, "0.02"));
        assertEquals(0.0, SloText.limit(SloThreshold.ERROR_RATE, "0"));
        assertEquals("must be a fraction from 0 to 1 or a percentage such as 1%, but was 2",
                problem(SloThreshold.ERROR_RATE, "2"));
        assertEquals("must be a fraction from 0 to 1 or a percentage such as 1%, but was 150%",
                problem(SloThreshold.ERROR_RATE, "150%"));
    }

    @Test
    void aListNamesEachLimit() {
        assertEquals(Map.of(SloThreshold.TTFR, 500.0, SloThreshold.TG_MIN, 40.0, SloThreshold.ERROR_RATE, 0.01),
                SloText.limits("ttfr=500ms,tg-min=40, error-rate=1%"));
        assertEquals("ttfr: must be a duration such as 500ms or 2s, but was abc", assertThrows(
                IllegalArgumentException.class, () -> SloText.limits("ttfr=abc")).getMessage());
        assertEquals("each limit must be NAME=VALUE with NAME one of ttfr, e2e-ttft, pp-min, tg-min, error-rate, but"
                + " was 'ttft=1s'", assertThrows(IllegalArgumentException.class,
                () -> SloText.limits("tg-min=40,ttft=1s")).getMessage());
        assertEquals("each limit must be NAME=VALUE with NAME one of ttfr, e2e-ttft, pp-min, tg-min, error-rate, but"
                + " was ''", assertThrows(IllegalArgumentException.class, () -> SloText.limits("")).getMessage());
    }
}
