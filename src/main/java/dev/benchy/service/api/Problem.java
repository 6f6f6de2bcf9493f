package dev.benchy.service.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An error answer in the shape of RFC 9457 problem details: what went wrong, for whom to read. */
@Schema(name = "Problem", description = "An error, as RFC 9457 problem details (application/problem+json)")
public record Problem(
        @Schema(description = "the HTTP status code", examples = "404")
        @JsonProperty("status") int status,
        @Schema(description = "the status's reason phrase", examples = "Not Found")
        @JsonProperty("title") String title,
        @Schema(description = "what went wrong, naming the value", examples = "no target named 'vlm'")
        @JsonProperty("detail") String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.Status status, String detail) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem(status.getStatusCode(), status.getReasonPhrase(), detail)).build();
    }

    public static Response notFound(String detail) {
        return response(Response.Status.NOT_FOUND, detail);
    }

    public static Response badRequest(String detail) {
        return response(Response.Status.BAD_REQUEST, detail);
    }
}
