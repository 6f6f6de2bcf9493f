package dev.benchy.service.ui;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;

/** What runs do, live, as server-sent events: the web UI's progress without reloading. */
@Path("/api/events")
public class EventsResource {

    /** How often an idle stream carries a heartbeat, so proxies keep it open and a closed page is noticed. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final LiveEvents events;

    public EventsResource(LiveEvents events) {
        this.events = events;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run events as server-sent events: run_started, progress, info, warning, run_finished")
    public Multi<LiveEvent> stream() {
        Multi<LiveEvent> heartbeats = Multi.createFrom().ticks().every(HEARTBEAT).onOverflow().drop()
                .map(tick -> LiveEvent.of("heartbeat", null, null, null));
        return Multi.createBy().merging().streams(events.stream(), heartbeats);
    }
}
