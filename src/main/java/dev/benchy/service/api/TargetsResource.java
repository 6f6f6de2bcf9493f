package dev.benchy.service.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.benchy.core.report.RunReport;
import dev.benchy.service.BenchyService;
import dev.benchy.service.schedule.RunCoordinator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** The configured targets, their state, their latest report, and starting a run on demand. */
@Path("/api/targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Targets", description = "The configured targets, their state, and runs on demand")
@SecurityScheme(securitySchemeName = TargetsResource.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "benchy.api.token; needed to start runs when it is set")
public class TargetsResource {

    static final String BEARER = "bearer";

    /** The answer to a run request. */
    @Schema(name = "RunAccepted", description = "A run was queued; follow location for its progress")
    public record RunAccepted(@JsonProperty("id") String id, @JsonProperty("target") String target,
                              @Schema(description = "the run, /api/runs/{id}: its progress, then its report")
                              @JsonProperty("location") String location,
                              @Schema(description = "where its report will be, /api/reports/{id}")
                              @JsonProperty("report") String report) {
    }

    private final BenchyService service;
    private final ApiToken token;

    public TargetsResource(BenchyService service, ApiToken token) {
        this.service = service;
        this.token = token;
    }

    @GET
    @Operation(summary = "The configured targets (no secrets) and their state")
    @APIResponse(responseCode = "200", description = "Every target, in configuration order", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = TargetView.class)))
    public Response list() {
        RunCoordinator runs = service.coordinator();
        List<TargetView> views = runs.targets().stream()
                .map(t -> TargetView.of(t, runs.state(t.name()).orElseThrow())).toList();
        return Response.ok(views).build();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One target and its state")
    @APIResponse(responseCode = "200", description = "The target", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TargetView.class)))
    @APIResponse(responseCode = "404", description = "No target has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("name") String name) {
        RunCoordinator runs = service.coordinator();
        return runs.target(name).map(t -> Response.ok(TargetView.of(t, runs.state(name).orElseThrow())).build())
                .orElseGet(() -> Problem.notFound("no target named '" + name + "'"));
    }

    @GET
    @Path("/{name}/reports/latest")
    @Produces({MediaType.APPLICATION_JSON, "text/markdown", "text/csv"})
    @Operation(summary = "The target's newest report")
    @ReportAnswers
    @APIResponse(responseCode = "404", description = "No target has this name, or it has no report yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response latest(@PathParam("name") String name,
                           @Parameter(description = ReportResponses.FORMAT, schema = @Schema(type = SchemaType.STRING,
                                   enumeration = {"json", "md", "csv"}, defaultValue = "json"))
                           @QueryParam("format") String format) {
        if (service.coordinator().target(name).isEmpty()) {
            return Problem.notFound("no target named '" + name + "'");
        }
        return service.store().latest(name).map(r -> ReportResponses.of(r, format))
                .orElseGet(() -> Problem.notFound("target '" + name + "' has no report yet"));
    }

    @POST
    @Path("/{name}/runs")
    @Operation(summary = "Start a run of a configured target now; it waits its turn behind another target's run")
    @SecurityRequirement(name = BEARER)
    @APIResponse(responseCode = "202", description = "Queued: Location is the run (its progress, then its report)",
            headers = @Header(name = "Location", description = "/api/runs/{id}",
                    schema = @Schema(implementation = String.class)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RunAccepted.class)))
    @APIResponse(responseCode = "401", description = "benchy.api.token is set and the request does not carry it as"
            + " a Bearer token", headers = @Header(name = "WWW-Authenticate",
            schema = @Schema(implementation = String.class)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No target has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The target is already queued or running",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response run(@PathParam("name") String name,
                        @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        if (!token.allows(auth)) {
            return Response.status(Response.Status.UNAUTHORIZED).type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, ApiToken.SCHEME)
                    .entity(new Problem(401, "Unauthorized", "this endpoint needs 'Authorization: Bearer <token>'"
                            + " with benchy.api.token")).build();
        }
        try {
            String id = service.coordinator().trigger(name);
            String location = RunView.location(id);
            return Response.accepted(new RunAccepted(id, name, location, RunView.reportLocation(id)))
                    .location(URI.create(location)).build();
        } catch (IllegalArgumentException e) {
            return Problem.notFound(e.getMessage());
        } catch (RunCoordinator.Busy e) {
            return Problem.response(Response.Status.CONFLICT, e.getMessage());
        }
    }
}
