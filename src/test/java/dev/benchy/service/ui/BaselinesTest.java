package dev.benchy.service.ui;

import dev.benchy.core.report.RunStatus;
import dev.benchy.service.store.ReportSummary;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BaselinesTest {

    private static ReportSummary run(String id, RunStatus status, String finished) {
        return new ReportSummary(id, "sim", "m", status, null, finished, null);
    }

    @Test
    void theTargetsOkAndPartialRunsOfTheWeekBeforeTheReportOnly() {
        ReportSummary report = run("r", RunStatus.OK, "2026-12-08T12:00:00Z");
        List<ReportSummary> ofTarget = List.of(
                run("later", RunStatus.OK, "2026-12-08T12:30:00Z"),
                report,
                run("ok", RunStatus.OK, "2026-12-08T11:30:00Z"),
                run("failed", RunStatus.FAILED, "2026-12-08T11:00:00Z"),
                run("cancelled", RunStatus.CANCELLED, "2026-12-07T11:00:00Z"),
                run("partial", RunStatus.PARTIAL, "2026-12-03T11:00:00Z"),
                run("edge", RunStatus.OK, "2026-12-01T12:00:00Z"),
                run("too-old", RunStatus.OK, "2026-12-01T11:59:59Z"),
                run("unreadable", RunStatus.OK, "yesterday"));
        assertEquals(List.of("ok", "partial", "edge"), Baselines.before(report, ofTarget, Baselines.WEEK).stream()
                .map(ReportSummary::id).toList());
    }

    @Test
    void aReportWithoutAnEndHasNoBaseline() {
        ReportSummary report = run("r", RunStatus.OK, null);
        assertEquals(List.of(), Baselines.before(report, List.of(run("ok", RunStatus.OK, "2026-12-08T11:30:00Z")),
                Duration.ofDays(7)));
    }
}
