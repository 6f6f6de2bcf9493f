package dev.benchy.service.ui;

import dev.benchy.core.compare.Comparison;
import dev.benchy.core.compare.ComparisonSide;
import dev.benchy.core.compare.ComparisonWriter;
import dev.benchy.core.report.ReportFigures;
import dev.benchy.core.report.RunReport;
import dev.benchy.service.BenchyService;
import dev.benchy.service.api.Problem;
import dev.benchy.service.store.ReportStore;
import dev.benchy.service.store.ReportSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Two stored reports compared (as {@code benchy compare} compares two files), or a report against its target's
 * median of the 7 days before it ({@code a=median}).
 */
@Path("/api/compare")
public class CompareResource {

    /** The value of {@code a} that asks for the baseline instead of a report. */
    static final String MEDIAN = "median";
    static final int MAX_BASELINE_RUNS = 1000;

    private final BenchyService service;
    private final FiguresCache figures;

    public CompareResource(BenchyService service, FiguresCache figures) {
        this.service = service;
        this.figures = figures;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/markdown", MediaType.TEXT_HTML})
    @Operation(summary = "Compare report b with report a, or with its target's 7-day median (a=median);"
            + " format=json|md|html")
    public Response compare(@QueryParam("a") String a, @QueryParam("b") String b,
                            @QueryParam("format") String format) {
        ReportStore store = service.store();
        String wanted = format == null || format.isBlank() ? "json" : format;
        Optional<ComparisonWriter> writer = ComparisonWriter.forFormat(wanted);
        if (writer.isEmpty()) {
            return Problem.badRequest("format must be one of " + ComparisonWriter.all().stream()
                    .map(ComparisonWriter::format).collect(Collectors.joining(", ")) + ", but was " + format);
        }
        if (a == null || a.isBlank() || b == null || b.isBlank()) {
            return Problem.badRequest("a and b must both be given (a report id, or a=" + MEDIAN
                    + " for the target's 7-day median), but were a=" + a + ", b=" + b);
        }
        Optional<RunReport> reportB = store.get(b);
        if (reportB.isEmpty()) {
            return Problem.notFound("no report with id '" + b + "'");
        }
        ComparisonSide sideB = ComparisonSide.of(b, reportB.get());
        ComparisonSide sideA;
        if (MEDIAN.equals(a)) {
            Optional<ComparisonSide> baseline = baseline(store, reportB.get());
            if (baseline.isEmpty()) {
                return Problem.notFound("target '" + reportB.get().target() + "' has no ok or partial run in the"
                        + " 7 days before report '" + b + "'");
            }
            sideA = baseline.get();
        } else {
            Optional<RunReport> reportA = store.get(a);
            if (reportA.isEmpty()) {
                return Problem.notFound("no report with id '" + a + "'");
            }
            sideA = ComparisonSide.of(a, reportA.get());
        }
        ComparisonWriter w = writer.get();
        return Response.ok(w.write(Comparison.of(sideA, sideB)), w.mediaType()).build();
    }

    private Optional<ComparisonSide> baseline(ReportStore store, RunReport report) {
        List<ReportSummary> ofTarget = store.list(report.target(), MAX_BASELINE_RUNS);
        ReportSummary self = ReportSummary.of(report);
        List<ReportSummary> window = Baselines.before(self, ofTarget, Baselines.WEEK);
        List<ReportFigures> runs = new ArrayList<>();
        for (ReportSummary s : window) {
            figures.of(store, s.id()).ifPresent(runs::add);
        }
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        String newest = window.get(0).finishedAt();
        String oldest = window.get(window.size() - 1).finishedAt();
        String label = "median of " + runs.size() + (runs.size() == 1 ? " run" : " runs") + " of "
                + report.target() + (runs.size() == 1 ? ", finished " + newest : ", " + oldest + " to " + newest);
        return Optional.of(new ComparisonSide(label, report.model(), ReportFigures.median(runs)));
    }
}
