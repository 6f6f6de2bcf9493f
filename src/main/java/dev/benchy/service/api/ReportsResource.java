package dev.benchy.service.api;

import dev.benchy.core.report.RunReport;
import dev.benchy.service.BenchyService;
import dev.benchy.service.store.ReportSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stored reports: the list (newest first) and each report in llama-benchy's JSON, Markdown or CSV. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Stored reports of finished runs")
public class ReportsResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final BenchyService service;

    public ReportsResource(BenchyService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Report summaries, newest first")
    @APIResponse(responseCode = "200", description = "Summaries, newest first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ReportSummary.class)))
    @APIResponse(responseCode = "400", description = "limit is not a whole number from 1 to 1000",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(description = "only this target's reports") @QueryParam("target") String target,
            @Parameter(description = "at most this many", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "1000", defaultValue = "50")) @QueryParam("limit") String limit) {
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
        return Response.ok(service.store().list(target == null || target.isBlank() ? null : target, n)).build();
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, "text/markdown", "text/csv"})
    @Operation(summary = "One report: llama-benchy-compatible JSON, or format=md|csv for the table")
    @ReportAnswers
    @APIResponse(responseCode = "404", description = "No report has this id (a run still in progress has none"
            + " yet: see /api/runs/{id})",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id,
                        @Parameter(description = ReportResponses.FORMAT, schema = @Schema(type = SchemaType.STRING,
                                enumeration = {"json", "md", "csv"}, defaultValue = "json"))
                        @QueryParam("format") String format) {
        return service.store().get(id).map(r -> ReportResponses.of(r, format))
                .orElseGet(() -> Problem.notFound(notYet(service, id)));
    }

    /** Why there is no report with this id: none at all, or its run has not finished. */
    static String notYet(BenchyService service, String id) {
        return service.coordinator().run(id).filter(r -> r.finished() == null)
                .map(r -> "run '" + id + "' has not finished yet; its progress: /api/runs/" + id)
                .orElse("no report with id '" + id + "'");
    }
}
