package dev.benchy.simulator;

/**
 * Running sums over every response since the last reset (not bounded by the ring of recent streams). The rates are
 * per-stream rates summed over streams (Σ tokens / Σ time), not the throughput of concurrent streams together.
 *
 * @param streams           streamed responses ended (completed or cancelled)
 * @param cancelledStreams  of those, the ones the client left early
 * @param blockingResponses non-streaming responses sent
 * @param tokensSent        tokens sent in all, streamed and non-streaming
 * @param prefillTokens     uncached prompt tokens of the streams that sent a first token
 * @param prefillNanos      their arrival-to-first-token times
 * @param decodeTokens      tokens after the first event, over all streams
 * @param decodeNanos       their first-to-last event times
 */
public record StatsTotals(long streams, long cancelledStreams, long blockingResponses, long tokensSent,
                          long prefillTokens, long prefillNanos, long decodeTokens, long decodeNanos) {

    public static final StatsTotals NONE = new StatsTotals(0, 0, 0, 0, 0, 0, 0, 0);

    public StatsTotals plus(ServedStream s) {
        boolean prefilled = s.hasFirstToken();
        return new StatsTotals(streams + 1, cancelledStreams + (s.completed() ? 0 : 1), blockingResponses,
                tokensSent + s.tokensSent(),
                prefillTokens + (prefilled ? s.uncachedTokens() : 0),
                prefillNanos + (prefilled ? s.prefillNanos() : 0),
                decodeTokens + s.tokensAfterFirstEvent(), decodeNanos + s.decodeNanos());
    }

    public StatsTotals plusBlocking(int tokens) {
        return new StatsTotals(streams, cancelledStreams, blockingResponses + 1, tokensSent + tokens,
                prefillTokens, prefillNanos, decodeTokens, decodeNanos);
    }

    /** NaN until some stream has prefilled. */
    public double prefillTokensPerSecond() {
        return ServedStream.rate(prefillTokens, prefillNanos);
    }

    /** NaN until some stream has sent two events. */
    public double decodeTokensPerSecond() {
        return ServedStream.rate(decodeTokens, decodeNanos);
    }
}
