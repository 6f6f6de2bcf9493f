package dev.benchy.service.api;

import com.fasterxml.jackson.annotation.JsonProperty;
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

import java.net.URI;
import java.util.List;

/** The configured targets, their state, their latest report, and starting a run on demand. */
@Path("/api/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetsResource {

    /** The answer to a run request. */
    public record RunAccepted(@JsonProperty("id") String id, @JsonProperty("target") String target,
                              @JsonProperty("location") String location) {
    }

    private final BenchyService service;
    private final ApiToken token;

    public TargetsResource(BenchyService service, ApiToken token) {
        this.service = service;
        this.token = token;
    }

    @GET
    @Operation(summary = "The configured targets (no secrets) and their state")
    public Response list() {
        RunCoordinator runs = service.coordinator();
        if (runs == null) {
            return Problem.unavailable();
        }
        List<TargetView> views = runs.targets().stream()
                .map(t -> TargetView.of(t, runs.state(t.name()).orElseThrow())).toList();
        return Response.ok(views).build();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One target and its state")
    public Response get(@PathParam("name") String name) {
        RunCoordinator runs = service.coordinator();
        if (runs == null) {
            return Problem.unavailable();
        }
        return runs.target(name).map(t -> Response.ok(TargetView.of(t, runs.state(name).orElseThrow())).build())
                .orElseGet(() -> Problem.notFound("no target named '" + name + "'"));
    }

    @GET
    @Path("/{name}/reports/latest")
    @Produces({MediaType.APPLICATION_JSON, "text/markdown", "text/csv"})
    @Operation(summary = "The target's newest report (format=json|md|csv)")
    public Response latest(@PathParam("name") String name, @QueryParam("format") String format) {
        RunCoordinator runs = service.coordinator();
        if (runs == null) {
            return Problem.unavailable();
        }
        if (runs.target(name).isEmpty()) {
            return Problem.notFound("no target named '" + name + "'");
        }
        return service.store().latest(name).map(r -> ReportResponses.of(r, format))
                .orElseGet(() -> Problem.notFound("target '" + name + "' has no report yet"));
    }

    @POST
    @Path("/{name}/runs")
    @Operation(summary = "Start a run of a configured target now (202; 409 while it runs)")
    public Response run(@PathParam("name") String name, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        if (!token.allows(auth)) {
            return Response.status(Response.Status.UNAUTHORIZED).type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .entity(new Problem(401, "Unauthorized", "this endpoint needs 'Authorization: Bearer <token>'"
                            + " with benchy.api.token")).build();
        }
        RunCoordinator runs = service.coordinator();
        if (runs == null) {
            return Problem.unavailable();
        }
        try {
            String id = runs.trigger(name);
            String location = "/api/reports/" + id;
            return Response.accepted(new RunAccepted(id, name, location)).location(URI.create(location)).build();
        } catch (IllegalArgumentException e) {
            return Problem.notFound(e.getMessage());
        } catch (RunCoordinator.Busy e) {
            return Problem.response(Response.Status.CONFLICT, e.getMessage());
        }
    }
}
