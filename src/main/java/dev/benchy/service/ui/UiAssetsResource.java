package dev.benchy.service.ui;

import dev.benchy.core.report.HtmlAssets;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The chart library the web UI loads, served from its webjar through the same {@link HtmlAssets} the HTML reports
 * inline it from, so the page and the reports always draw with one version and need no network.
 */
@Path("/ui/vendor")
public class UiAssetsResource {

    private static final CacheControl DAY = CacheControl.valueOf("max-age=86400");

    @GET
    @Path("/uplot.js")
    @Produces("text/javascript")
    @Operation(hidden = true)
    public Response script() {
        return Response.ok(HtmlAssets.bundled().chartsJs(), "text/javascript; charset=utf-8").cacheControl(DAY)
                .build();
    }

    @GET
    @Path("/uplot.css")
    @Produces("text/css")
    @Operation(hidden = true)
    public Response style() {
        return Response.ok(HtmlAssets.bundled().chartsCss(), "text/css; charset=utf-8").cacheControl(DAY).build();
    }
}
