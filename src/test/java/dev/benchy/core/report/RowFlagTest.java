package dev.benchy.core.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowFlagTest {

    @Test
    void figuresKeepTheirOrderAndWholeNumbersReadBackEqual() throws IOException {
        RowFlag flag = RowFlag.of(RowFlag.Kind.EST_PPT_CLAMPED, "est_ppt was clamped to 0 for 4 of 5 requests",
                "clamped", 4, "requests", 5L, "latency_ms", 450.0, "share", 0.8);

        assertEquals(List.of("clamped", "requests", "latency_ms", "share"), List.copyOf(flag.figures().keySet()));
        assertEquals(List.of(4L, 5L, 450L, 0.8), List.copyOf(flag.figures().values()));
        RunReport report = ReportFixtures.report(1, false, List.of(ReportFixtures.run(1, 0, false, null, null,
                null, null, null, null, null, null, null).withFlags(List.of(flag))));
        RunReport read = new JsonReportReader().read(new JsonReportWriter().write(report)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(flag), read.benchmarks().get(0).flags());
    }

    @Test
    void eachKindSaysWhichRowsItMarks() {
        assertTrue(RowFlag.Kind.PARTIAL_BATCHES.marksPromptRow() && RowFlag.Kind.PARTIAL_BATCHES.marksGenerationRow());
        assertTrue(RowFlag.Kind.PROMPT_TOKENS_MISMATCH.marksPromptRow());
        assertFalse(RowFlag.Kind.PROMPT_TOKENS_MISMATCH.marksGenerationRow());
    }

    @Test
    void badFlagsAreRefusedWithWhatWasWrong() {
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> RowFlag.Kind.of("busy"));
        assertEquals("row flag kind must be one of failed_requests, partial_batches, prompt_tokens_mismatch,"
                + " est_ppt_clamped, cache_hit, but was busy", kind.getMessage());
        IllegalArgumentException pairs = assertThrows(IllegalArgumentException.class,
                () -> RowFlag.of(RowFlag.Kind.CACHE_HIT, "x", "cached_min"));
        assertEquals("figures must be name, value pairs, but 1 items were given", pairs.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new RowFlag(RowFlag.Kind.CACHE_HIT, "x", Map.of("cached_min", Double.NaN)));
        assertEquals("a figure must be a finite number, but was NaN", nan.getMessage());
    }
}
