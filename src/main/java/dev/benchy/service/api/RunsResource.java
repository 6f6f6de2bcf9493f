package dev.benchy.service.api;

import dev.benchy.service.BenchyService;
import dev.benchy.service.schedule.RunCoordinator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Optional;

/**
 * Runs by id, the {@code Location} of a started run: while it is queued or running, where it is (which test of
 * how many, which run); once it has a report, a 303 to it.
 */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runs", description = "Runs in progress and where their reports are")
public class RunsResource {

    private final BenchyService service;

    public RunsResource(BenchyService service) {
        this.service = service;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run: its progress while queued or running, then a redirect to its report")
    @APIResponse(responseCode = "200", description = "Queued or running (state, progress); or finished without a"
            + " report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "303", description = "Finished: Location is its report",
            headers = @Header(name = "Location", description = "/api/reports/{id}",
                    schema = @Schema(implementation = String.class)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No run has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        Optional<RunCoordinator.RunInfo> run = service.coordinator().run(id);
        if (run.isPresent() && run.get().current() != null) {
            return Response.ok(RunView.of(run.get())).build();
        }
        return service.store().summary(id)
                .map(stored -> Response.seeOther(URI.create(RunView.reportLocation(id))).entity(RunView.of(stored))
                        .build())
                .or(() -> run.map(r -> Response.ok(RunView.of(r)).build()))
                .orElseGet(() -> Problem.notFound("no run with id '" + id + "'"));
    }
}
