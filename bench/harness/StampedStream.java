package harness;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One stream as the server that wrote it stamped it, in nanoseconds of its clock (CLOCK_MONOTONIC, the clock
 * benchy's System.nanoTime and the harness read).
 *
 * @param tokens                events with a token written (one token each at the harness's settings)
 * @param decodeTokensPerSecond tokens after the first event over first to last event, as the server computed it
 * @param decodeSeconds         first to last event
 * @param uncachedPromptTokens  prompt tokens the server processed, or {@link #UNKNOWN} when it does not say
 */
record StampedStream(long arrivalNanos, long firstTokenNanos, long lastTokenNanos, int tokens,
                     double decodeTokensPerSecond, double decodeSeconds, int uncachedPromptTokens) {

    static final int UNKNOWN = -1;

    /**
     * One stream of a stats answer: its {@code arrival_nanos}, {@code first_token_nanos}, {@code last_token_nanos},
     * {@code decode_tokens_per_second} and {@code decode_seconds}, and its token count from {@code tokensField}.
     */
    static StampedStream read(JsonNode s, String tokensField, int uncachedPromptTokens) {
        return new StampedStream(s.get("arrival_nanos").asLong(), s.get("first_token_nanos").asLong(),
                s.get("last_token_nanos").asLong(), s.get(tokensField).asInt(),
                s.get("decode_tokens_per_second").asDouble(), s.get("decode_seconds").asDouble(),
                uncachedPromptTokens);
    }

    /** The decode numerator: tokens after the first event. */
    double tokensAfterFirst() {
        return decodeTokensPerSecond * decodeSeconds;
    }

    /** The server's real prefill: arrival to the first token written, in ms. */
    double firstWriteMs() {
        return (firstTokenNanos - arrivalNanos) / 1e6;
    }

    /**
     * Tokens written between {@code from} and {@code to}, assuming the stream paced them evenly from its first to
     * its last token.
     */
    double tokensBetween(long from, long to) {
        long overlap = Math.min(lastTokenNanos, to) - Math.max(firstTokenNanos, from);
        return overlap > 0 ? tokensAfterFirst() * overlap / (lastTokenNanos - firstTokenNanos) : 0;
    }
}
