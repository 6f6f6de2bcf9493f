package dev.benchy.service.api;

import dev.benchy.service.BenchyService;
import dev.benchy.service.store.ReportStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Stored reports: the list (newest first) and each report in llama-benchy's JSON, Markdown or CSV. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final BenchyService service;

    public ReportsResource(BenchyService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Report summaries, newest first (target=NAME, limit=1..1000, default 50)")
    public Response list(@QueryParam("target") String target, @QueryParam("limit") String limit) {
        ReportStore store = service.store();
        if (store == null) {
            return Problem.unavailable();
        }
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                return Problem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", but was "
                        + limit);
            }
        }
        return Response.ok(store.list(target == null || target.isBlank() ? null : target, n)).build();
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, "text/markdown", "text/csv"})
    @Operation(summary = "One report: llama-benchy-compatible JSON, or format=md|csv for the table")
    public Response get(@PathParam("id") String id, @QueryParam("format") String format) {
        ReportStore store = service.store();
        if (store == null) {
            return Problem.unavailable();
        }
        return store.get(id).map(r -> ReportResponses.of(r, format))
                .orElseGet(() -> Problem.notFound("no report with id '" + id + "'"));
    }
}
