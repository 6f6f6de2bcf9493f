package dev.benchy.core.measure;

import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.core.stream.RequestTrace;

import java.util.Objects;

/**
 * When each generated token of one request arrived, in seconds since a chosen origin, and how the tokens were
 * counted. Servers send a variable number of tokens per event (speculative/MTP decoding, block streaming, merged
 * reads), so a count of events is not a count of tokens; the best available count is used, in this order:
 * <ol>
 *   <li>{@link Source#TOKEN_IDS}: every content event carried {@code token_ids}: n tokens per event. One token takes
 *       the event's stamp; n &gt; 1 tokens are spread over the gap since the previous token,
 *       {@code prev + (t − prev)·k/n} for k = 1..n. Before the first token, prev is the first content event's
 *       stamp, so the first event's tokens share its timestamp.</li>
 *   <li>{@link Source#USAGE}: the server's {@code usage.completion_tokens} (N ≥ 1), spread evenly from the first to
 *       the last content event, {@code first + (last − first)·k/(N − 1)}; all at the first stamp when N == 1.</li>
 *   <li>{@link Source#TOKENIZER}: the local tokenizer counts the JOINED text once (per-event counts overcount at
 *       every split word: "Hel" + "lo" is one token, not two), spread the same way.</li>
 *   <li>{@link Source#EVENTS}: one token per content event, at its stamp.</li>
 * </ol>
 * A request without content events has no tokens (reported as source {@link Source#EVENTS}). Spread timestamps
 * are synthetic: they assume steady generation between the events that were observed.
 */
public final class TokenTimeline {

    /** Where the token count came from, best first. */
    public enum Source {
        /** The server's per-event {@code token_ids}: exact. */
        TOKEN_IDS,
        /** The server's {@code usage.completion_tokens}: exact total, interpolated times. */
        USAGE,
        /** The local tokenizer over the joined text: an estimate. */
        TOKENIZER,
        /** One per content event: a lower bound when events carry several tokens. */
        EVENTS
    }

    private final double[] seconds;
    private final Source source;

    private TokenTimeline(double[] seconds, Source source) {
        this.seconds = seconds;
        this.source = source;
    }

    /**
     * The timeline of {@code trace}, with times in seconds since {@code originNanos}.
     *
     * @param tokenizer the fallback counter, or null when there is none
     */
    public static TokenTimeline of(RequestTrace trace, long originNanos, Tokenizer tokenizer) {
        long[] events = Objects.requireNonNull(trace.eventNanos(), "eventNanos");
        int[] tokenIds = Objects.requireNonNull(trace.eventTokenIds(), "eventTokenIds");
        if (tokenIds.length != events.length) {
            throw new IllegalArgumentException("eventTokenIds must have one entry per content event ("
                    + events.length + "), but had " + tokenIds.length);
        }
        double[] stamps = new double[events.length];
        for (int i = 0; i < events.length; i++) {
            stamps[i] = Formulas.seconds(originNanos, events[i]);
        }
        if (stamps.length == 0) {
            return new TokenTimeline(new double[0], Source.EVENTS);
        }
        if (allPresent(tokenIds)) {
            return new TokenTimeline(spreadOverGaps(stamps, tokenIds), Source.TOKEN_IDS);
        }
        if (trace.completionTokens() >= 1) {
            return new TokenTimeline(evenlyBetween(stamps[0], stamps[stamps.length - 1], trace.completionTokens()),
                    Source.USAGE);
        }
        int counted = tokenizer == null ? 0 : tokenizer.count(trace.text() == null ? "" : trace.text());
        if (counted >= 1) {
            return new TokenTimeline(evenlyBetween(stamps[0], stamps[stamps.length - 1], counted), Source.TOKENIZER);
        }
        return new TokenTimeline(stamps, Source.EVENTS);
    }

    /** The token timestamps in arrival order, seconds since the origin (a copy). */
    public double[] seconds() {
        return seconds.clone();
    }

    public int count() {
        return seconds.length;
    }

    public boolean isEmpty() {
        return seconds.length == 0;
    }

    public Source source() {
        return source;
    }

    /** n tokens per event, each event's tokens spread over the gap since the previous token. */
    static double[] spreadOverGaps(double[] stamps, int[] tokensPerEvent) {
        int total = 0;
        for (int n : tokensPerEvent) {
            total += n;
        }
        double[] out = new double[total];
        int filled = 0;
        double prev = stamps[0];
        for (int e = 0; e < stamps.length; e++) {
            int n = tokensPerEvent[e];
            double t = stamps[e];
            if (n == 1) {
                out[filled++] = t;
            } else {
                for (int k = 1; k <= n; k++) {
                    out[filled++] = k == n ? t : prev + (t - prev) * k / n;
                }
            }
            if (n > 0) {
                prev = t;
            }
        }
        return out;
    }

    /** n timestamps evenly spaced from {@code first} to {@code last} inclusive; all at {@code first} when n == 1. */
    static double[] evenlyBetween(double first, double last, int n) {
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            if (k == 0) {
                out[k] = first;
            } else {
                out[k] = k == n - 1 ? last : first + (last - first) * k / (n - 1);
            }
        }
        return out;
    }

    private static boolean allPresent(int[] tokenIds) {
        for (int n : tokenIds) {
            if (n < 0) {
                return false;
            }
        }
        return true;
    }
}
