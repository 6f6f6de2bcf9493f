package dev.benchy.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One inference server's root, where its tokenizer endpoints live: posts JSON to {@code /tokenize} or
 * {@code /detokenize} through a REST client (Mutiny {@link Uni}), each call bounded by the target's request timeout.
 * Control plane only: never called while a request is being timed.
 *
 * <p>The api key goes out as a Bearer token and nowhere else: no message this class writes contains it.
 */
final class ServerEndpoint implements AutoCloseable {

    /** What the server answered: its status and body, whatever they were. */
    record Reply(int status, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A call that did not get an answer (cannot connect, timed out), with a one-line reason. */
    static final class NoAnswer extends IOException {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SHOWN_BODY = 200;

    private final String root;
    private final String secret;
    private final String authorization;
    private final Duration timeout;
    private final TokenizeApi api;

    private ServerEndpoint(String root, String apiKey, Duration timeout, TokenizeApi api) {
        this.root = root;
        this.secret = apiKey == null || apiKey.isBlank() || "EMPTY".equals(apiKey) ? null : apiKey;
        this.authorization = secret == null ? null : "Bearer " + secret;
        this.timeout = timeout;
        this.api = api;
    }

    /**
     * A REST client for the server at {@code root}.
     *
     * @throws IllegalStateException when no REST client can be built here (outside the application)
     */
    static ServerEndpoint open(String root, String apiKey, Duration timeout) {
        TokenizeApi api = RestClientBuilder.newBuilder()
                .baseUri(URI.create(root))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS) // the call's own deadline comes first
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(TokenizeApi.class);
        return new ServerEndpoint(root, apiKey, timeout, api);
    }

    /** The server root, e.g. {@code http://llama:8080}. */
    String root() {
        return root;
    }

    /** Posts {@code body} to {@code /endpoint}; the reply comes whatever its status. */
    Uni<Reply> post(String endpoint, JsonNode body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return api.post(endpoint, authorization, json)
                .map(ServerEndpoint::reply)
                .onFailure(WebApplicationException.class)
                .recoverWithItem(e -> reply(((WebApplicationException) e).getResponse()))
                .ifNoItem().after(timeout).fail();
    }

    /** Posts and waits for the reply on the calling thread (never an event loop). */
    Reply call(String endpoint, JsonNode body) throws NoAnswer {
        try {
            return post(endpoint, body).await().atMost(timeout.plusSeconds(2));
        } catch (RuntimeException e) {
            if (timedOut(e)) {
                throw new NoAnswer("POST " + url(endpoint) + ": no answer within " + TokenizerLoader.seconds(timeout),
                        e);
            }
            throw new NoAnswer("POST " + url(endpoint) + ": " + cause(e), e);
        }
    }

    String url(String endpoint) {
        return root + "/" + endpoint;
    }

    /** A reply's body as it may be shown in a message: one line, bounded, without the api key. */
    String shown(String body) {
        String line = hideSecret(body).replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_SHOWN_BODY ? line : line.substring(0, MAX_SHOWN_BODY) + "...";
    }

    String hideSecret(String text) {
        return secret == null || text == null ? text : text.replace(secret, "****");
    }

    @Override
    public void close() {
        if (api instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException ignored) {
                // a client nobody uses any more
            }
        }
    }

    private static boolean timedOut(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof TimeoutException || e instanceof java.util.concurrent.TimeoutException
                    || e.getClass().getSimpleName().endsWith("TimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static Reply reply(Response response) {
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return new Reply(response.getStatus(), body == null ? "" : body);
        }
    }

    private String cause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof ConnectException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "cannot connect (" + hideSecret(root.getMessage()) + ")";
        }
        String message = root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
        return shown(message);
    }
}
