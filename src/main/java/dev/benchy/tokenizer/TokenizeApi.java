package dev.benchy.tokenizer;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The tokenizer endpoints inference servers keep at their root, beside (not under) {@code /v1}: {@code POST
 * /tokenize} and {@code POST /detokenize}. A REST client built per target (the base URL is the server's root);
 * bodies go out as JSON text and come back as a raw response, so that every status and every body can be judged.
 */
@Path("/")
public interface TokenizeApi {

    /**
     * @param endpoint      {@code tokenize} or {@code detokenize}
     * @param authorization the {@code Authorization} header, or null for none
     * @param json          the request body
     */
    @POST
    @Path("/{endpoint}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> post(@PathParam("endpoint") String endpoint, @HeaderParam("Authorization") String authorization,
                       String json);
}
