package dev.benchy.service.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An error answer in the shape of RFC 9457 problem details: what went wrong, for whom to read. */
public record Problem(@JsonProperty("status") int status, @JsonProperty("title") String title,
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

    public static Response unavailable() {
        return response(Response.Status.SERVICE_UNAVAILABLE, "the service is not running (one-shot command)");
    }

    static boolean json(MediaType type) {
        return MediaType.APPLICATION_JSON_TYPE.isCompatible(type);
    }
}
