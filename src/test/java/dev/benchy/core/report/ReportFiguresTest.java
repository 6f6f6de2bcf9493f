package dev.benchy.core.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFiguresTest {

    @Test
    void oneRowPerTableRowWithItsMeansAndWhatItMeasures() {
        RunReport report = ReportFixtures.multiConcurrency();
        ReportFigures figures = ReportFigures.of(report);
        assertEquals(ReportTable.of(report).rows().size(), figures.rows().size());
        assertEquals(2, figures.maxConcurrency());

        ReportFigures.Row first = figures.rows().get(0);
        assertEquals("pp2048", first.test(), "no concurrency suffix: concurrency is its own field");
        assertEquals(ReportFigures.Kind.PP, first.kind());
        assertEquals(0, first.depth());
        assertEquals(1, first.concurrency());
        assertEquals(List.of("t_s", "t_s_req", "ttfr", "est_ppt", "e2e_ttft"), List.copyOf(first.means().keySet()));
        assertEquals(7803.68, first.mean(MetricColumn.THROUGHPUT));
        assertEquals(292.86, first.mean(MetricColumn.TTFR));
        assertNull(first.mean(MetricColumn.PEAK));

        ReportFigures.Row generation = figures.rows().get(1);
        assertEquals("tg32", generation.test());
        assertEquals(ReportFigures.Kind.TG, generation.kind());
        assertEquals(List.of("t_s", "t_s_req", "peak_ts", "peak_ts_req"), List.copyOf(generation.means().keySet()));

        ReportFigures.Row context = figures.rows().get(4);
        assertEquals("ctx_pp @ d4096", context.test());
        assertTrue(context.contextPhase());
        assertEquals("ctx_pp @ d4096 (c1)", context.key());
    }

    @Test
    void aTestWhoseRequestsAllFailedHasNoRow() {
        ReportFigures figures = ReportFigures.of(ReportFixtures.full());
        assertFalse(figures.rows().stream().anyMatch(r -> r.test().equals("pp256") && r.depth() == 0));
    }

    @Test
    void medianOfSeveralReportsRowByRow() {
        ReportFigures.Row row = new ReportFigures.Row("pp512", ReportFigures.Kind.PP, 0, 1, false,
                Map.of("t_s", 100.0));
        ReportFigures slow = new ReportFigures(1, List.of(row.withMeans(Map.of("t_s", 90.0, "ttfr", 30.0))));
        ReportFigures fast = new ReportFigures(1, List.of(row.withMeans(Map.of("t_s", 110.0, "ttfr", 10.0))));
        ReportFigures odd = new ReportFigures(2, List.of(row.withMeans(Map.of("t_s", 500.0)),
                new ReportFigures.Row("tg32", ReportFigures.Kind.TG, 0, 1, false, Map.of("t_s", 50.0))));

        ReportFigures median = ReportFigures.median(List.of(slow, fast, odd));
        assertEquals(2, median.maxConcurrency());
        assertEquals(2, median.rows().size());
        assertEquals(110.0, median.rows().get(0).mean(MetricColumn.THROUGHPUT), "middle of 90, 110, 500");
        assertEquals(20.0, median.rows().get(0).mean(MetricColumn.TTFR), "mean of the two middle values");
        assertEquals(50.0, median.rows().get(1).mean(MetricColumn.THROUGHPUT), "a row only one report has");
    }
}
