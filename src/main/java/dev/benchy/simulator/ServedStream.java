package dev.benchy.simulator;

/**
 * What the simulator actually did for one streamed response, stamped as it wrote: the truth a benchmark of it can
 * be checked against. Times are nanoseconds of the simulator's clock; a moment never reached is {@value #ABSENT}.
 *
 * @param promptTokens          prompt tokens, template included
 * @param cachedTokens          prompt tokens taken from the prefix cache
 * @param arrivalNanos          when the request arrived
 * @param firstResponseNanos    when the first event with a choice was written (role-only or token)
 * @param firstTokenNanos       when the first token event was written
 * @param lastTokenNanos        when the last token event written so far was written
 * @param eventsSent            token events written
 * @param tokensSent            tokens in them
 * @param tokensAfterFirstEvent tokens in all but the first token event: the decode numerator
 * @param completed             false when the client went away before the end
 */
public record ServedStream(int promptTokens, int cachedTokens, long arrivalNanos, long firstResponseNanos,
                           long firstTokenNanos, long lastTokenNanos, int eventsSent, int tokensSent,
                           int tokensAfterFirstEvent, boolean completed) {

    public static final long ABSENT = -1;

    private static final double NANOS_PER_SECOND = 1e9;

    public boolean hasFirstToken() {
        return firstTokenNanos != ABSENT;
    }

    /** Prompt tokens actually processed. */
    public int uncachedTokens() {
        return promptTokens - cachedTokens;
    }

    /** Arrival to the first token written (the real prefill time), or ABSENT. */
    public long prefillNanos() {
        return hasFirstToken() ? firstTokenNanos - arrivalNanos : ABSENT;
    }

    /** Arrival to the first event with a choice, or ABSENT. */
    public long firstResponseDelayNanos() {
        return firstResponseNanos == ABSENT ? ABSENT : firstResponseNanos - arrivalNanos;
    }

    /** First to last token event, 0 with fewer than two events. */
    public long decodeNanos() {
        return hasFirstToken() ? lastTokenNanos - firstTokenNanos : 0;
    }

    /** Tokens after the first event per second from the first to the last event, or NaN without a time span. */
    public double decodeTokensPerSecond() {
        return rate(tokensAfterFirstEvent, decodeNanos());
    }

    /** Uncached prompt tokens per second of the real prefill time, or NaN without a first token. */
    public double prefillTokensPerSecond() {
        return hasFirstToken() ? rate(uncachedTokens(), prefillNanos()) : Double.NaN;
    }

    static double rate(long tokens, long nanos) {
        return nanos > 0 ? tokens * NANOS_PER_SECOND / nanos : Double.NaN;
    }
}
