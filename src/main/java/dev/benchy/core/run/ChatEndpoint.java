package dev.benchy.core.run;

import dev.benchy.core.stream.RequestTrace;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An OpenAI-compatible endpoint, as the engine sees it. The adapter owns the network; the engine owns the plan.
 * Every future completes (never hangs): a failure is a trace or completion with its error set, or, for the
 * model list and probe, an exceptional completion whose message says what failed.
 */
public interface ChatEndpoint extends AutoCloseable {

    /**
     * Sends a streaming request and records its trace. The body is already serialised, so the start stamp is taken
     * as the bytes are written (an implementation stamps as close to the socket as it can).
     */
    CompletableFuture<RequestTrace> stream(byte[] body);

    /** Sends a non-streaming request (warmup, coherence). */
    CompletableFuture<ChatCompletion> complete(byte[] body);

    /** {@code GET /models}: nanoseconds from writing the request to the first byte of the response. */
    CompletableFuture<Long> probeModelsLatency();

    /** {@code GET /models}: what the server serves. */
    CompletableFuture<List<ServedModel>> models();

    /**
     * Requests retried once on a fresh connection because a reused pooled connection closed before any byte of
     * their response arrived (a server that closes idle connections without saying so); 0 when the endpoint never
     * retries.
     */
    default int staleConnectionRetries() {
        return 0;
    }

    /** The base URL requests go to (never carries the api key). */
    String baseUrl();

    @Override
    void close();
}
