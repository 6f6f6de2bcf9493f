package dev.benchy.openai;

/**
 * Why a model listing or latency probe failed; the message names the URL and what went wrong (status, cause), never
 * the api key. Exceptional completions of {@link VertxChatEndpoint} futures carry it.
 */
public final class EndpointException extends RuntimeException {

    public EndpointException(String message) {
        super(message, null, false, false);
    }
}
