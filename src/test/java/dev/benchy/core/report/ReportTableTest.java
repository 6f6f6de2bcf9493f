package dev.benchy.core.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.benchy.core.report.ReportFixtures.metric;
import static dev.benchy.core.report.ReportFixtures.report;
import static dev.benchy.core.report.ReportFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTableTest {

    private static final Metric PP = metric(1000, 10);
    private static final Metric PP_REQ = metric(500, 5);
    private static final Metric TG = metric(50, 1);
    private static final Metric TG_REQ = metric(25, 0.5);
    private static final Metric PEAK = metric(52, 1);
    private static final Metric PEAK_REQ = metric(26, 0.5);
    private static final Metric TTFR = metric(200, 2);
    private static final Metric EST = metric(150, 2);
    private static final Metric E2E = metric(210, 3);

    @Test
    void promptRowCarriesPromptMetricsAndGenerationRowCarriesGenerationMetrics() {
        ReportTable table = ReportTable.of(report(2, false,
                List.of(run(2, 4096, false, PP, PP_REQ, TG, TG_REQ, PEAK, PEAK_REQ, TTFR, EST, E2E))));

        assertEquals(List.of(
                new ReportRow("pp2048 @ d4096 (c2)", PP, PP_REQ, null, null, TTFR, EST, E2E),
                new ReportRow("tg32 @ d4096 (c2)", TG, TG_REQ, PEAK, PEAK_REQ, null, null, null)), table.rows());
        assertEquals(ReportFixtures.MODEL, table.model());
        assertEquals(2, table.maxConcurrency());
    }

    @Test
    void contextPhaseRowsAreNamedCtxAndKeepReportOrder() {
        ReportTable table = ReportTable.of(report(1, true, List.of(
                run(1, 1024, true, PP, PP, TG, TG, PEAK, PEAK, TTFR, EST, E2E),
                run(1, 1024, false, PP, PP, TG, TG, PEAK, PEAK, TTFR, EST, E2E))));

        assertEquals(List.of("ctx_pp @ d1024", "ctx_tg @ d1024", "pp2048 @ d1024", "tg32 @ d1024"),
                table.rows().stream().map(ReportRow::test).toList());
    }

    @Test
    void generationRowIsShownWhenOnlyThePeakExists() {
        ReportTable table = ReportTable.of(report(1, false,
                List.of(run(1, 0, false, null, null, null, null, PEAK, PEAK_REQ, null, null, null))));

        assertEquals(List.of(new ReportRow("tg32", null, null, PEAK, PEAK_REQ, null, null, null)), table.rows());
    }

    @Test
    void testWhoseRequestsAllFailedHasNoRows() {
        ReportTable table = ReportTable.of(report(1, false,
                List.of(run(1, 0, false, null, null, null, null, null, null, null, null, null))));

        assertTrue(table.isEmpty());
    }

    @Test
    void perRequestRateFallsBackToTheTotalAtConcurrencyOneOnly() {
        ReportTable single = ReportTable.of(report(2, false,
                List.of(run(1, 0, false, PP, null, TG, null, PEAK, null, TTFR, EST, E2E))));
        ReportTable concurrent = ReportTable.of(report(2, false,
                List.of(run(2, 0, false, PP, null, TG, null, PEAK, null, TTFR, EST, E2E))));

        assertSame(PP, single.rows().get(0).requestThroughput());
        assertSame(TG, single.rows().get(1).requestThroughput());
        assertNull(single.rows().get(1).requestPeak());
        assertNull(concurrent.rows().get(0).requestThroughput());
        assertNull(concurrent.rows().get(1).requestThroughput());
    }

    @Test
    void unknownModelIsAnEmptyCell() {
        RunReport base = report(1, false, List.of(run(1, 0, false, PP, PP, TG, TG, PEAK, PEAK, TTFR, EST, E2E)));
        RunReport noModel = new RunReport(base.version(), base.timestamp(), base.latencyMode(), base.latencyMs(),
                null, false, 1, base.benchmarks(), null, null, null, null, null, null, null, null, null, null, 0, null);

        assertEquals("", ReportTable.of(noModel).model());
    }

    @Test
    void columnsFollowConcurrency() {
        assertEquals(List.of(MetricColumn.THROUGHPUT, MetricColumn.PEAK, MetricColumn.TTFR, MetricColumn.EST_PPT,
                MetricColumn.E2E_TTFT), new ReportTable("m", 1, List.of()).columns());
        assertEquals(List.of(MetricColumn.values()), new ReportTable("m", 2, List.of()).columns());
        assertEquals("t/s", MetricColumn.THROUGHPUT.header(1));
        assertEquals("t/s (total)", MetricColumn.THROUGHPUT.header(2));
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> MetricColumn.REQUEST_PEAK.header(1));
        assertEquals("maxConcurrency must be above 1 for column REQUEST_PEAK, but was 1", error.getMessage());
    }
}
