package dev.benchy.service.ui;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.benchy.core.report.ReportFigures;
import dev.benchy.core.report.RunStatus;
import dev.benchy.service.BenchyService;
import dev.benchy.service.api.Problem;
import dev.benchy.service.store.ReportStore;
import dev.benchy.service.store.ReportSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;

/** A target's recent reports with their figures: what the charts over time and the sparklines draw. */
@Path("/api/targets/{name}/reports")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    static final int DEFAULT_LIMIT = 30;
    static final int MAX_LIMIT = 500;

    /** One stored report: its summary and the figures of its table. */
    @JsonPropertyOrder({"id", "status", "started_at", "finished_at", "error", "figures"})
    public record Entry(@JsonProperty("id") String id, @JsonProperty("status") RunStatus status,
                        @JsonProperty("started_at") String startedAt, @JsonProperty("finished_at") String finishedAt,
                        @JsonProperty("error") String error, @JsonProperty("figures") ReportFigures figures) {
    }

    private final BenchyService service;
    private final FiguresCache figures;

    public HistoryResource(BenchyService service, FiguresCache figures) {
        this.service = service;
        this.figures = figures;
    }

    @GET
    @Operation(summary = "The target's newest reports with the means of every row (limit=1..500, default 30)")
    public Response list(@PathParam("name") String name, @QueryParam("limit") String limit) {
        ReportStore store = service.store();
        int n;
        try {
            n = QueryLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT);
        } catch (IllegalArgumentException e) {
            return Problem.badRequest(e.getMessage());
        }
        List<ReportSummary> summaries = store.list(name, n);
        if (summaries.isEmpty() && service.coordinator().target(name).isEmpty()) {
            return Problem.notFound("no target named '" + name + "'");
        }
        List<Entry> entries = new ArrayList<>();
        for (ReportSummary s : summaries) {
            figures.of(store, s.id()).ifPresent(f -> entries.add(new Entry(s.id(), s.status(), s.startedAt(),
                    s.finishedAt(), s.error(), f)));
        }
        return Response.ok(entries).build();
    }
}
